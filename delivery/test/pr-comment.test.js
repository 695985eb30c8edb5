"use strict";
// scripts/pr-comment on a real base/head pair: the dev plan on AWS as base, and as head the same plan with
// one stateful replacement (the database's dbName, which forces a new RDS instance) and one policy failure
// (the origin load balancer made internet-facing). Runs the real scripts/plan-diff and scripts/policy-check.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { MARKER, parseViolations, counts } = require("../src/pr-comment");

const ROOT = path.join(__dirname, "..", "..");
const PLAN = path.join(ROOT, "build", "plan", "dev-aws.json");
const SCRIPT = path.join(ROOT, "scripts", "pr-comment");
const PLAN_DIFF = path.join(ROOT, "scripts", "plan-diff");

function pair() {
    assert.ok(fs.existsSync(PLAN), `${PLAN} missing: run scripts/plan dev first`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prc-"));
    fs.mkdirSync(path.join(dir, "base"));
    fs.mkdirSync(path.join(dir, "head"));
    const text = fs.readFileSync(PLAN, "utf8");
    fs.writeFileSync(path.join(dir, "base", "dev-aws.json"), text);
    const head = text.replace('"dbName" : "counter"', '"dbName" : "counter2"').replace('"internal" : true', '"internal" : false');
    assert.notEqual(head, text);
    assert.equal(head.split('"counter2"').length, 2, "exactly one dbName changed");
    fs.writeFileSync(path.join(dir, "head", "dev-aws.json"), head);
    return dir;
}

const noPlanDiff = !fs.existsSync(PLAN_DIFF) && "scripts/plan-diff (issue 11) is not on this branch yet";

test("pr-comment: one stateful replacement and one policy failure on a real pair", { skip: noPlanDiff }, () => {
    const dir = pair();
    const r = spawnSync(SCRIPT, [path.join(dir, "base"), path.join(dir, "head")], { encoding: "utf8" });
    assert.equal(r.status, 3, r.stderr);
    const md = r.stdout;
    assert.ok(md.startsWith(`${MARKER}\n## Strata plan review`), md.slice(0, 200));
    assert.match(md, /A stateful resource would be replaced or destroyed/);
    // summary row: two resources changed, replacement, one mandatory finding, a cost figure and zero delta
    assert.match(md, /^\| dev \| aws \| \+0 ~2 -0 \| \*\*yes\*\* \| \*\*1\*\* \/ \d+ \| \$[\d,]+\.\d\d \| \$0\.00 \|$/m);
    assert.match(md, /\| mandatory \| `aws-lb-loadbalancer-internal` \| `strata-dev-edge-alb` \|/);
    assert.match(md, /\*\*Stateful replacement\*\*: this fails the check unless the pull request carries the `allow-stateful-replacement` label/);
    // plan-diff's line naming the resource and the input, outside the collapsed diff
    const open = md.slice(0, md.indexOf("<details><summary>Plan diff"));
    assert.match(open, /^- would replace stateful resource strata-dev-database-postgres \(aws:rds\/instance:Instance\): dbName/m);
    assert.match(md, /\| \*\*total\*\* \| \$[\d,]+\.\d\d \| \$[\d,]+\.\d\d \| \*\*\$0\.00\*\* \|/);
    assert.match(md, /<details><summary>Plan diff<\/summary>/);
});

test("pr-comment: with the allow label the replacement is named but the verdict is the policy failure", { skip: noPlanDiff }, () => {
    const dir = pair();
    const out = path.join(dir, "comment.md");
    const r = spawnSync(SCRIPT, [path.join(dir, "base"), path.join(dir, "head"), "--allow-replace", "--out", out], { encoding: "utf8" });
    assert.equal(r.status, 1, r.stderr);
    const md = fs.readFileSync(out, "utf8");
    assert.match(md, /\*\*yes\*\* \(allowed by label\)/);
    assert.match(md, /Mandatory policy violations or failed checks/);
});

test("pr-comment: a stack without a base plan is reviewed as new; bad usage exits 2", () => {
    const dir = pair();
    fs.rmSync(path.join(dir, "base", "dev-aws.json"));
    fs.writeFileSync(path.join(dir, "head", "dev-aws.json"), fs.readFileSync(PLAN, "utf8"));
    const r = spawnSync(SCRIPT, [path.join(dir, "base"), path.join(dir, "head")], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\| dev \| aws \| new: \+\d+ \| - \| 0 \/ \d+ \| \$[\d,]+\.\d\d \| - \|$/m);
    assert.match(r.stdout, /No base plan: this stack x cloud is new/);
    const bad = spawnSync(SCRIPT, [path.join(dir, "base")], { encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /expected a base and a head directory, got 1 argument/);
});

test("pr-comment: policy-check output and change counts are parsed", () => {
    const v = parseViolations("MANDATORY aws-x  urn:pulumi:dev::strata::a$b::name\n          message | with bar\nplan.json: ...");
    assert.deepEqual(v, [{ level: "mandatory", policy: "aws-x", urn: "urn:pulumi:dev::strata::a$b::name", message: "message | with bar" }]);
    const base = { resources: [{ urn: "a", props: { x: 1 } }, { urn: "b", props: {} }] };
    const head = { resources: [{ urn: "a", props: { x: 2 } }, { urn: "c", props: {} }] };
    assert.deepEqual(counts(base, head), { added: 1, changed: 1, deleted: 1 });
});

test("pr-comment: a diff too long for a GitHub comment is truncated, the verdict and findings stay", () => {
    const { render, MAX_BODY } = require("../src/pr-comment");
    const entry = (stack) => ({
        file: `${stack}-aws.json`, stack, cloud: "aws", base: true, errors: [], counts: { added: 0, changed: 3000, deleted: 0 },
        diff: Array.from({ length: 3000 }, (_, i) => `| res-${i} | ~ | props.x: 1 -> 2 |`).join("\n"),
        replacement: false, allowed: false,
        violations: [{ level: "mandatory", policy: "aws-x", urn: "urn:a::b", message: "m" }],
    });
    const body = render([entry("dev"), entry("prod")], false);
    assert.ok(body.length <= MAX_BODY, `${body.length}`);
    assert.equal(body.split("truncated to fit a comment").length, 3);
    assert.match(body, /Mandatory policy violations/);
    assert.equal(body.split("| mandatory | `aws-x` |").length, 3);
});
