"use strict";
// scripts/check-workflows: the hygiene of .github/workflows, offline.
//  - schema: every workflow validates against SchemaStore's GitHub workflow schema (vendored, ajv pinned);
//  - pinned: every action is pinned by a full commit SHA, with the version in a comment;
//  - permissions: the workflow grants nothing, each job declares its own; write scopes only where used
//    (id-token only with an OIDC login, pull-requests only with the comment step), never write-all;
//  - secrets: never expanded inside a shell script, no tracing (set -x), no step debug, no echo of tokens;
//  - forks: no pull_request_target/workflow_run triggers; in pull_request workflows, every job with OIDC
//    or secrets and every write step runs only when the head repository is this repository;
//  - hygiene: checkout without persisted credentials, a timeout on every job, deploy jobs in a concurrency
//    group that never cancels, every scripts/<name> a workflow runs exists.
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");
const Ajv = require("ajv");

const SCHEMA = path.join(__dirname, "..", "schema", "github-workflow.json");
const SAME_REPO = "github.event.pull_request.head.repo.full_name == github.repository";
const OIDC_ACTIONS = {
    "aws-actions/configure-aws-credentials": "role-to-assume",
    "google-github-actions/auth": "workload_identity_provider",
};
const UNTRUSTED = /\$\{\{\s*(github\.head_ref|github\.event\.(pull_request\.(title|body|head\.ref|head\.label)|issue\.(title|body)|comment\.body|review\.body|head_commit\.message|commits))/;

let validator;
function schemaValidator() {
    if (!validator) {
        const ajv = new Ajv({ allErrors: true, strict: false });
        validator = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, "utf8")));
    }
    return validator;
}

function actionName(uses) {
    return uses.split("@")[0].split("/").slice(0, 2).join("/");
}

/** Jobs of a called local reusable workflow, or null. */
function calledJobs(root, uses, cache) {
    if (!uses.startsWith("./")) return null;
    const file = path.join(root, uses);
    if (!cache.has(file)) {
        cache.set(file, fs.existsSync(file) ? YAML.parse(fs.readFileSync(file, "utf8")) : null);
    }
    return cache.get(file)?.jobs ?? null;
}

function usesOidc(job) {
    return (job.steps ?? []).some((s) => s.uses && OIDC_ACTIONS[actionName(s.uses)] && s.with?.[OIDC_ACTIONS[actionName(s.uses)]]);
}

function postsComment(job) {
    return (job.steps ?? []).some((s) => typeof s.run === "string" && /\bscripts\/post-comment\b/.test(s.run));
}

function referencesSecrets(obj) {
    return /\$\{\{[^}]*\bsecrets\./.test(JSON.stringify(obj));
}

/**
 * Checks every *.yml/*.yaml workflow under <root>/.github/workflows. Returns findings
 * [{file, where, rule, message}]; root is the repository (for scripts/ and reusable workflows).
 */
function checkWorkflows(root) {
    const dir = path.join(root, ".github", "workflows");
    const findings = [];
    const cache = new Map();
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
    if (files.length === 0) findings.push({ file: dir, where: "", rule: "present", message: "no workflow files" });
    for (const name of files) {
        const file = path.join(dir, name);
        const text = fs.readFileSync(file, "utf8");
        const add = (where, rule, message) => findings.push({ file: `.github/workflows/${name}`, where, rule, message });
        let wf;
        try {
            wf = YAML.parse(text);
        } catch (e) {
            add("", "yaml", e.message);
            continue;
        }
        cache.set(file, wf);
        const validate = schemaValidator();
        if (!validate(wf)) {
            for (const err of validate.errors) {
                // oneOf branches repeat the same root cause; keep the specific messages
                if (err.keyword === "oneOf" || err.keyword === "anyOf") continue;
                add(err.instancePath || "/", "schema", `${err.message}${err.params?.additionalProperty ? ` (${err.params.additionalProperty})` : ""}`);
            }
        }
        // pinned by SHA, version in a comment (raw text: the parser drops comments)
        text.split("\n").forEach((line, i) => {
            const m = /^\s*(?:-\s+)?uses:\s*["']?([^"'\s#]+)["']?\s*(#.*)?$/.exec(line);
            if (!m) return;
            const ref = m[1];
            if (ref.startsWith("./")) return;
            if (ref.startsWith("docker://")) {
                if (!/@sha256:[0-9a-f]{64}$/.test(ref)) add(`line ${i + 1}`, "pinned", `${ref}: a container action must be pinned by @sha256 digest`);
                return;
            }
            if (!/^[^@]+@[0-9a-f]{40}$/.test(ref)) add(`line ${i + 1}`, "pinned", `${ref}: pin the action by its full commit SHA`);
            else if (!m[2] || !/#\s*v?\d/.test(m[2])) add(`line ${i + 1}`, "pinned", `${ref}: add the version it pins as a comment (# vX.Y.Z)`);
        });

        const on = wf.on ?? {};
        const events = typeof on === "string" ? [on] : Array.isArray(on) ? on : Object.keys(on);
        for (const bad of ["pull_request_target", "workflow_run"]) {
            if (events.includes(bad)) add("on", "forks", `${bad} runs with secrets and a write token next to untrusted code; use pull_request`);
        }
        const prWorkflow = events.includes("pull_request");
        const grantsNothing = typeof wf.permissions === "object" && wf.permissions !== null && Object.keys(wf.permissions).length === 0;
        if (!grantsNothing) {
            add("permissions", "permissions", "the workflow must grant nothing (permissions: {}); each job declares what it needs");
        }
        for (const [jobId, job] of Object.entries(wf.jobs ?? {})) {
            const where = `jobs.${jobId}`;
            const perms = job.permissions;
            const called = job.uses ? calledJobs(root, job.uses, cache) : null;
            if (perms === undefined) {
                add(where, "permissions", "declare the job's permissions (least privilege)");
            } else if (typeof perms === "string") {
                add(where, "permissions", `permissions: ${perms} is not least privilege; list the scopes`);
            } else {
                for (const [scope, level] of Object.entries(perms ?? {})) {
                    if (level !== "write") continue;
                    const oidc = usesOidc(job) || Object.values(called ?? {}).some((j) => j.permissions?.["id-token"] === "write" && usesOidc(j));
                    if (scope === "id-token") {
                        if (!oidc) add(where, "permissions", "id-token: write without an OIDC login step");
                    } else if (scope === "pull-requests") {
                        if (!postsComment(job)) add(where, "permissions", "pull-requests: write without the comment step");
                    } else {
                        add(where, "permissions", `${scope}: write is not needed by any step`);
                    }
                }
            }
            if (!job.uses && job["timeout-minutes"] === undefined) add(where, "timeout", "set timeout-minutes");
            const credentialed = perms?.["id-token"] === "write" || referencesSecrets(job);
            if (prWorkflow && credentialed && !String(job.if ?? "").includes(SAME_REPO)) {
                add(where, "forks", `a job with cloud credentials or secrets must run only when ${SAME_REPO}`);
            }
            const deploys = !prWorkflow && job.environment && perms?.["id-token"] === "write";
            if (deploys && (!job.concurrency || job.concurrency["cancel-in-progress"] !== false)) {
                add(where, "concurrency", "a deploy job needs a concurrency group per stack with cancel-in-progress: false");
            }
            (job.steps ?? []).forEach((step, i) => {
                const sw = `${where}.steps[${i}]${step.name ? ` (${step.name})` : ""}`;
                if (step.uses && actionName(step.uses) === "actions/checkout" && step.with?.["persist-credentials"] !== false) {
                    add(sw, "secrets", "actions/checkout: set persist-credentials: false (no token left in .git/config)");
                }
                if (prWorkflow && postsComment({ steps: [step] }) && !String(step.if ?? job.if ?? "").includes(SAME_REPO)) {
                    add(sw, "forks", `the comment step must run only when ${SAME_REPO}`);
                }
                if (typeof step.run !== "string") return;
                if (/\$\{\{[^}]*\bsecrets\./.test(step.run)) add(sw, "secrets", "a secret expanded inside the script; pass it through env:");
                if (/\bset\s+(-[a-z]*x|-o\s+xtrace)\b/.test(step.run)) add(sw, "secrets", "tracing (set -x) prints secrets from the environment");
                if (/ACTIONS_(STEP|RUNNER)_DEBUG/.test(step.run)) add(sw, "secrets", "debug logging prints secrets");
                if (/\b(echo|printf)\b[^\n|>]*\$\{?\w*(TOKEN|SECRET|PASSWORD|PRIVATE_KEY)\w*/.test(step.run)) add(sw, "secrets", "a token or secret is printed");
                if (UNTRUSTED.test(step.run)) add(sw, "secrets", "untrusted event text expanded inside the script (injection); pass it through env:");
                const scripts = new Set([...step.run.matchAll(/(?:^|[\s;(&|])(scripts\/[A-Za-z0-9_.-]+)/g)].map((m) => m[1]));
                for (const s of scripts) {
                    if (!fs.existsSync(path.join(root, s))) add(sw, "scripts", `${s} does not exist`);
                }
            });
        }
    }
    return findings;
}

function main(argv) {
    const root = argv[0] ?? process.cwd();
    const findings = checkWorkflows(root);
    for (const f of findings) console.log(`${f.file}: ${f.where}: [${f.rule}] ${f.message}`);
    const files = fs.readdirSync(path.join(root, ".github", "workflows")).filter((f) => /\.ya?ml$/.test(f)).length;
    console.log(`${files} workflows: ${findings.length} findings`);
    return findings.length ? 1 : 0;
}

module.exports = { checkWorkflows };

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
