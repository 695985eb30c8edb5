"use strict";
// scripts/pr-comment: one Markdown review comment for a pull request, from the base and head plans of
// every stack x cloud (scripts/pr-plans). Per plan pair it runs scripts/plan-diff (changes and the
// stateful-replacement guard, exit 3), scripts/policy-check on head and base (findings, exit 1 on a
// mandatory one) and prices both plans (cost delta). The comment starts with a hidden marker so that
// scripts/post-comment updates it in place instead of posting a new one.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const cost = require("./cost");

const MARKER = "<!-- strata:pr-review -->";
const ROOT = path.join(__dirname, "..", "..");
const ALLOW_LABEL = "allow-stateful-replacement";
// GitHub refuses a comment body over 65,536 characters; the plan diffs give way first
const MAX_BODY = 65000;

function run(script, args) {
    const r = spawnSync(path.join(ROOT, "scripts", script), args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Resources added, deleted and changed (by URN; changed = different inputs), for the summary row. */
function counts(base, head) {
    const b = new Map((base?.resources ?? []).map((r) => [r.urn, JSON.stringify(r.props ?? {})]));
    const h = new Map(head.resources.map((r) => [r.urn, JSON.stringify(r.props ?? {})]));
    let added = 0, changed = 0, deleted = 0;
    for (const [urn, props] of h) {
        if (!b.has(urn)) added++;
        else if (b.get(urn) !== props) changed++;
    }
    for (const urn of b.keys()) if (!h.has(urn)) deleted++;
    return { added, changed, deleted };
}

/** Violations from scripts/policy-check output: [{level, policy, urn, message}]. */
function parseViolations(text) {
    const out = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const m = /^(MANDATORY|ADVISORY|DISABLED)\s+(\S+)\s+(\S+)$/.exec(lines[i]);
        if (m) out.push({ level: m[1].toLowerCase(), policy: m[2], urn: m[3], message: (lines[i + 1] ?? "").trim() });
    }
    return out;
}

function resourceName(urn) {
    return urn.split("::").pop();
}

function review(baseDir, headDir, allowReplace) {
    const heads = fs.readdirSync(headDir).filter((f) => /^[a-z0-9-]+-(aws|gcp)\.json$/.test(f)).sort();
    if (heads.length === 0) throw new Error(`no <stack>-<cloud>.json plans in ${headDir}`);
    const prices = cost.loadPrices();
    return heads.map((file) => {
        const headFile = path.join(headDir, file);
        const baseFile = path.join(baseDir, file);
        const head = JSON.parse(fs.readFileSync(headFile, "utf8"));
        const base = fs.existsSync(baseFile) ? JSON.parse(fs.readFileSync(baseFile, "utf8")) : null;
        const entry = { file, stack: head.stack, cloud: head.cloud, base: !!base, errors: [] };
        entry.counts = counts(base, head);
        if (base) {
            // always without --allow-replace, so that an allowed replacement is still named
            const d = run("plan-diff", [baseFile, headFile, "--markdown"]);
            entry.diff = d.stdout.trim();
            entry.replacement = d.status === 3;
            // plan-diff's own lines naming each stateful resource, shown outside the collapsed diff
            entry.stateful = entry.diff.split("\n").map((l) => l.replace(/^>\s*/, ""))
                .filter((l) => /^- would (replace|destroy) stateful/.test(l));
            if (d.status !== 0 && d.status !== 3) entry.errors.push(`scripts/plan-diff exited ${d.status}: ${d.stderr.trim()}`);
        }
        const p = run("policy-check", [headFile]);
        entry.violations = parseViolations(p.stdout);
        if (p.status !== 0 && p.status !== 1) entry.errors.push(`scripts/policy-check exited ${p.status}: ${p.stderr.trim()}`);
        if (base) {
            const pb = run("policy-check", [baseFile]);
            const before = new Set(parseViolations(pb.stdout).map((v) => `${v.policy} ${v.urn}`));
            for (const v of entry.violations) v.onBase = before.has(`${v.policy} ${v.urn}`);
        }
        try {
            const h = cost.estimate(head, prices);
            const b = base ? cost.estimate(base, prices) : null;
            entry.cost = { head: h, base: b, compare: cost.compare(h, b), markdown: cost.formatMarkdown(h, b) };
        } catch (e) {
            entry.errors.push(`scripts/cost: ${e.message}`);
        }
        entry.allowed = entry.replacement && allowReplace;
        return entry;
    });
}

function verdict(entries) {
    if (entries.some((e) => e.replacement && !e.allowed)) return 3;
    if (entries.some((e) => e.errors.length || e.violations.some((v) => v.level === "mandatory"))) return 1;
    return 0;
}

function render(entries, allowReplace) {
    let body = renderWith(entries, allowReplace, Infinity);
    if (body.length > MAX_BODY) {
        const fixed = renderWith(entries, allowReplace, 0).length;
        const share = Math.max(0, Math.floor((MAX_BODY - fixed) / Math.max(1, entries.length)) - 200);
        body = renderWith(entries, allowReplace, share);
    }
    return body;
}

function clip(text, max) {
    if (text.length <= max) return text;
    const cut = text.slice(0, max);
    return cut.slice(0, Math.max(0, cut.lastIndexOf("\n"))) + "\n\n*(truncated to fit a comment: the job summary has the whole diff)*";
}

function renderWith(entries, allowReplace, diffMax) {
    const out = [MARKER, "## Strata plan review", ""];
    const code = verdict(entries);
    out.push(code === 3 ? `:x: **A stateful resource would be replaced or destroyed.** Review it; if it is intended, add the label \`${ALLOW_LABEL}\`.`
        : code === 1 ? ":x: **Mandatory policy violations or failed checks** (details below)."
            : ":white_check_mark: No stateful replacement, no mandatory policy violation.");
    out.push("");
    out.push("| stack | cloud | changes (+ added, ~ changed, - deleted) | stateful replacement | policies (mandatory / advisory) | monthly cost | delta |");
    out.push("| --- | --- | --- | --- | --- | ---: | ---: |");
    for (const e of entries) {
        const c = e.counts;
        const changes = e.base ? `+${c.added} ~${c.changed} -${c.deleted}` : `new: +${c.added}`;
        const repl = !e.base ? "-" : e.replacement ? (e.allowed ? "**yes** (allowed by label)" : "**yes**") : "none";
        const m = e.violations.filter((v) => v.level === "mandatory").length;
        const a = e.violations.filter((v) => v.level === "advisory").length;
        const total = e.cost ? cost.usd(e.cost.compare.head) : "n/a";
        const delta = e.cost && e.base ? cost.signed(e.cost.compare.delta) : "-";
        out.push(`| ${e.stack} | ${e.cloud} | ${changes} | ${repl} | ${m ? `**${m}**` : 0} / ${a} | ${total} | ${delta} |`);
    }
    for (const e of entries) {
        out.push("", `### ${e.stack} / ${e.cloud}`, "");
        for (const err of e.errors) out.push(`:warning: ${err}`, "");
        if (e.replacement) {
            out.push(e.allowed ? `**Stateful replacement allowed** by the \`${ALLOW_LABEL}\` label.`
                : `**Stateful replacement**: this fails the check unless the pull request carries the \`${ALLOW_LABEL}\` label.`, "");
            if (e.stateful?.length) out.push(...e.stateful, "");
        }
        if (e.violations.length) {
            out.push("**Policy findings**", "");
            out.push("| level | policy | resource | message |", "| --- | --- | --- | --- |");
            for (const v of e.violations) {
                out.push(`| ${v.level}${v.onBase ? " (also on base)" : ""} | \`${v.policy}\` | \`${resourceName(v.urn)}\` | ${v.message.replace(/\|/g, "\\|")} |`);
            }
            out.push("");
        } else {
            out.push("**Policy findings**: none.", "");
        }
        if (e.cost) {
            const [summary, ...table] = e.cost.markdown.split("\n\n");
            out.push(`**Cost** ${summary}`, "", "<details><summary>Cost per component</summary>", "", table.join("\n\n"), "", "</details>", "");
        }
        if (e.base) {
            out.push("<details><summary>Plan diff</summary>", "", clip(e.diff || "(no output)", diffMax), "", "</details>");
        } else {
            out.push("No base plan: this stack x cloud is new in the pull request (or the base does not plan).");
        }
    }
    out.push("", `<sub>Offline plans under the mock engine (scripts/pr-plans), scripts/plan-diff, scripts/policy-check, scripts/cost; ${allowReplace ? "stateful replacements allowed by label" : "stateful replacements fail the check"}.</sub>`);
    return out.join("\n") + "\n";
}

const USAGE = "usage: scripts/pr-comment <base-dir> <head-dir> [--allow-replace] [--out FILE]";

function main(argv) {
    const dirs = [];
    let allow = false;
    let outFile = null;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--allow-replace") allow = true;
        else if (argv[i] === "--out") {
            outFile = argv[++i];
            if (!outFile) return fail("--out needs a file");
        } else if (argv[i].startsWith("-")) return fail(`unknown option ${argv[i]}`);
        else dirs.push(argv[i]);
    }
    if (dirs.length !== 2) return fail(`expected a base and a head directory, got ${dirs.length} argument(s)`);
    for (const d of dirs) if (!fs.existsSync(d) || !fs.statSync(d).isDirectory()) return fail(`${d} is not a directory`);
    let entries;
    try {
        entries = review(dirs[0], dirs[1], allow);
    } catch (e) {
        return fail(e.message);
    }
    const body = render(entries, allow);
    if (outFile) {
        fs.writeFileSync(outFile, body);
        // the whole review, untruncated, for the job summary
        if (body.length >= MAX_BODY - 1000) fs.writeFileSync(`${outFile}.full`, renderWith(entries, allow, Infinity));
    } else {
        process.stdout.write(body);
    }
    return verdict(entries);
}

function fail(message) {
    console.error(`error: ${message}\n${USAGE}`);
    return 2;
}

module.exports = { MARKER, MAX_BODY, review, render, verdict, parseViolations, counts };

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
