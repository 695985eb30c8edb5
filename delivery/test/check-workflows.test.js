"use strict";
// scripts/check-workflows: the real workflows pass; copies weakened in one place each fail with the rule named.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { checkWorkflows } = require("../src/check-workflows");

const ROOT = path.join(__dirname, "..", "..");
const WF = path.join(ROOT, ".github", "workflows");

/** A repository copy (workflows + scripts/ names) with one workflow edited. */
function weakened(file, edit) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wf-"));
    fs.mkdirSync(path.join(dir, ".github", "workflows"), { recursive: true });
    fs.mkdirSync(path.join(dir, "scripts"));
    for (const f of fs.readdirSync(path.join(ROOT, "scripts"))) fs.writeFileSync(path.join(dir, "scripts", f), "");
    for (const f of fs.readdirSync(WF)) {
        const text = fs.readFileSync(path.join(WF, f), "utf8");
        const out = f === file ? edit(text) : text;
        assert.notEqual(out, f === file ? text : null, `the edit of ${file} changed nothing`);
        fs.writeFileSync(path.join(dir, ".github", "workflows", f), out);
    }
    return checkWorkflows(dir);
}

function rules(findings) {
    return findings.map((f) => `${f.file.split("/").pop()} ${f.where} [${f.rule}] ${f.message}`);
}

function expectFinding(findings, rule, pattern) {
    assert.ok(findings.some((f) => f.rule === rule && pattern.test(`${f.where} ${f.message}`)),
        `expected a ${rule} finding matching ${pattern}, got:\n${rules(findings).join("\n")}`);
}

test("workflows: the real workflows pass schema and every hygiene rule", () => {
    assert.deepEqual(rules(checkWorkflows(ROOT)), []);
    for (const f of ["pull-request.yml", "deploy.yml", "deploy-stack.yml"]) assert.ok(fs.existsSync(path.join(WF, f)), f);
});

test("workflows: schema violations are found (unknown key, wrong type)", () => {
    const f = weakened("pull-request.yml", (t) => t.replace("    timeout-minutes: 30\n", "    timeout-minutes: 30\n    timeout: 30\n"));
    expectFinding(f, "schema", /must NOT have additional properties \(timeout\)/);
    const g = weakened("deploy.yml", (t) => t.replace("branches: [main]", "branches: main"));
    expectFinding(g, "schema", /\/on\/push\/branches/);
});

test("workflows: an action pinned by tag, or by SHA without its version, fails", () => {
    const f = weakened("pull-request.yml", (t) => t.replace(/actions\/setup-node@[0-9a-f]{40} # v7\.0\.0/g, "actions/setup-node@v7"));
    expectFinding(f, "pinned", /actions\/setup-node@v7: pin the action by its full commit SHA/);
    const g = weakened("deploy.yml", (t) => t.replace(/(actions\/upload-artifact@[0-9a-f]{40}) # v7\.0\.0/, "$1"));
    expectFinding(g, "pinned", /add the version it pins as a comment/);
});

test("workflows: permissions are least privilege per job", () => {
    expectFinding(weakened("pull-request.yml", (t) => t.replace("permissions: {}\n\nconcurrency", "permissions: write-all\n\nconcurrency")),
        "permissions", /the workflow must grant nothing/);
    expectFinding(weakened("pull-request.yml", (t) => t.replace("    permissions:\n      contents: read\n    steps:", "    steps:")),
        "permissions", /jobs\.test declare the job's permissions/);
    expectFinding(weakened("pull-request.yml", (t) => t.replace("    permissions:\n      contents: read\n    steps:", "    permissions:\n      contents: read\n      id-token: write\n    steps:")),
        "permissions", /jobs\.test id-token: write without an OIDC login step/);
    expectFinding(weakened("deploy.yml", (t) => t.replace("    permissions:\n      contents: read\n    steps:", "    permissions:\n      contents: write\n    steps:")),
        "permissions", /contents: write is not needed/);
    expectFinding(weakened("pull-request.yml", (t) => t.replace("pull-requests: write # the one review comment", "pull-requests: write\n      issues: write #")),
        "permissions", /issues: write is not needed/);
});

test("workflows: no secret printed or expanded into a script", () => {
    expectFinding(weakened("pull-request.yml", (t) => t.replace("      - run: scripts/test", "      - run: |\n          set -x\n          scripts/test")),
        "secrets", /tracing/);
    expectFinding(weakened("pull-request.yml", (t) => t.replace("      - run: scripts/test", "      - run: scripts/test --token ${{ secrets.DEPLOY_TOKEN }}")),
        "secrets", /a secret expanded inside the script/);
    expectFinding(weakened("pull-request.yml", (t) => t.replace('run: exit "$STATUS"', 'run: |\n          echo "$GITHUB_TOKEN"\n          exit "$STATUS"')),
        "secrets", /a token or secret is printed/);
    expectFinding(weakened("pull-request.yml", (t) => t.replace("persist-credentials: false", "persist-credentials: true")),
        "secrets", /persist-credentials: false/);
    expectFinding(weakened("pull-request.yml", (t) => t.replace('run: exit "$STATUS"', 'run: echo "${{ github.event.pull_request.title }}"; exit "$STATUS"')),
        "secrets", /untrusted event text/);
});

test("workflows: a pull request from a fork never gets cloud credentials or the comment token", () => {
    expectFinding(weakened("pull-request.yml", (t) => t.replace("vars.STRATA_CLOUD_PREVIEW == 'true' && github.event.pull_request.head.repo.full_name == github.repository", "vars.STRATA_CLOUD_PREVIEW == 'true'")),
        "forks", /jobs\.preview a job with cloud credentials/);
    expectFinding(weakened("pull-request.yml", (t) => t.replace("        if: github.event.pull_request.head.repo.full_name == github.repository\n", "")),
        "forks", /the comment step must run only when/);
    expectFinding(weakened("pull-request.yml", (t) => t.replace("  pull_request:\n    branches", "  pull_request_target:\n    branches")),
        "forks", /pull_request_target runs with secrets/);
});

test("workflows: deploys of one stack never overlap; referenced scripts exist; jobs have timeouts", () => {
    expectFinding(weakened("deploy-stack.yml", (t) => t.replace("      cancel-in-progress: false\n", "      cancel-in-progress: true\n")),
        "concurrency", /cancel-in-progress: false/);
    expectFinding(weakened("deploy-stack.yml", (t) => t.replace("scripts/deploy \"$STACK\" --image", "scripts/no-such-deploy \"$STACK\" --image")),
        "scripts", /scripts\/no-such-deploy does not exist/);
    expectFinding(weakened("deploy.yml", (t) => t.replace("    timeout-minutes: 30\n", "")),
        "timeout", /set timeout-minutes/);
});

test("workflows: what the issue asks of them is wired (tests, review, preview with the pack, dev then approved prod)", () => {
    const YAML = require("yaml");
    const load = (f) => YAML.parse(fs.readFileSync(path.join(WF, f), "utf8"));
    const pr = load("pull-request.yml");
    assert.ok(pr.jobs.test.steps.some((s) => s.run === "scripts/test"));
    const runs = pr.jobs.review.steps.map((s) => s.run ?? "").join("\n");
    for (const s of ["scripts/pr-plans", "scripts/pr-comment", "scripts/post-comment"]) assert.match(runs, new RegExp(s));
    assert.match(JSON.stringify(pr.jobs.review.steps), /allow-stateful-replacement/);
    const preview = pr.jobs.preview.steps.find((s) => (s.uses ?? "").startsWith("pulumi/actions@"));
    assert.equal(preview.with.command, "preview");
    assert.equal(preview.with.diff, true);
    assert.equal(preview.with.policyPacks, "policies");
    const deploy = load("deploy.yml");
    assert.deepEqual(deploy.on.push.branches, ["main"]);
    assert.equal(deploy.jobs.prod.needs, "dev");
    assert.deepEqual([deploy.jobs.dev.with.stack, deploy.jobs.prod.with.stack], ["dev", "prod"]);
    const stack = load("deploy-stack.yml").jobs.deploy;
    assert.equal(stack.environment.name, "${{ inputs.stack }}");
    assert.equal(stack.concurrency.group, "deploy-${{ inputs.stack }}");
    assert.match(stack.steps.map((s) => s.run ?? "").join("\n"), /scripts\/deploy "\$STACK" --archive/);
});
