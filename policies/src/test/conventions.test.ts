import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { policies } from "../pack";

test("the pack has at least 100 policies with unique names", () => {
    assert.ok(policies.length >= 100, `${policies.length} policies`);
    assert.equal(new Set(policies.map((p) => p.name)).size, policies.length);
});

test("names are <cloud>-<service>-<resource>-<rule> and match their folder", () => {
    const src = path.join(__dirname, "..");
    for (const p of policies) {
        assert.match(p.name, /^(aws|gcp|kubernetes|stack)-[a-z0-9]+(-[a-z0-9]+){1,}$/, p.name);
        const cloud = p.name.split("-")[0];
        const files = fs.readdirSync(path.join(src, cloud), { recursive: true }) as string[];
        const defining = files.filter((f) => f.endsWith(".js")).filter((f) =>
            fs.readFileSync(path.join(src, cloud, f), "utf8").includes(`"${p.name}"`));
        assert.equal(defining.length, 1, `${p.name} is defined in exactly one file under ${cloud}/`);
    }
});

test("descriptions are full sentences that say how to fix", () => {
    for (const p of policies) {
        const d = p.description;
        assert.match(d, /^[A-Z].{30,}\.$/s, `${p.name}: "${d}"`);
        assert.match(d, /\b(set|add|use|remove|replace|label|list|give|grant|attach|point|keep|leave|declare|pin|run|place|mount|allow)\b/i,
            `${p.name} does not say what to do`);
    }
});

test("enforcement levels are mandatory or advisory, mostly mandatory", () => {
    for (const p of policies) {
        assert.ok(["mandatory", "advisory"].includes(p.enforcementLevel as string), p.name);
    }
    const mandatory = policies.filter((p) => p.enforcementLevel === "mandatory").length;
    assert.ok(mandatory >= 45, `${mandatory} mandatory policies`);
});

test("every policy accepts per-policy config with defaults (prodStacks)", () => {
    for (const p of policies) {
        const props = (p.configSchema as any)?.properties ?? {};
        assert.deepEqual(props.prodStacks?.default, ["prod"], p.name);
        assert.ok(!("enforcementLevel" in props), `${p.name}: enforcementLevel must not be in configSchema`);
    }
});

test("the pack loads as the CLI loads it: package.json main is the TypeScript entry, no build step, runtime deps only", () => {
    const root = path.join(__dirname, "..", "..");
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    assert.equal(pkg.main, "src/index.ts");
    assert.ok(fs.existsSync(path.join(root, pkg.main)));
    // the CLI runs `npm install` and no build script; run-policy-pack registers ts-node, which must be a
    // dependency (with typescript and the node types the type check needs), not a devDependency
    assert.ok(!("build" in (pkg.scripts ?? {})), "a build script would never be run by the CLI");
    for (const dep of ["@pulumi/policy", "@pulumi/pulumi", "ts-node", "typescript", "@types/node"]) {
        assert.match(pkg.dependencies?.[dep] ?? "", /^\d+\.\d+\.\d+$/, `${dep} pinned in dependencies`);
    }
    assert.equal(pkg.devDependencies, undefined);
    const yaml = fs.readFileSync(path.join(root, "PulumiPolicy.yaml"), "utf8");
    assert.match(yaml, /^runtime: nodejs$/m);
    assert.doesNotMatch(yaml, /^main:/m, "PulumiPolicy.yaml must not point at build output");
});

test("docs/policies.md lists every policy with its level", () => {
    const docs = fs.readFileSync(path.join(__dirname, "..", "..", "..", "docs", "policies.md"), "utf8");
    for (const p of policies) {
        assert.match(docs, new RegExp(`^\\| \`${p.name}\` \\| ${p.enforcementLevel} \\|`, "m"), `${p.name} (${p.enforcementLevel}) missing from docs/policies.md`);
        assert.ok(docs.includes(p.description.replace(/\|/g, "\\|")), `${p.name}: its description in docs/policies.md is out of date`);
    }
    const listed = [...docs.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(listed.filter((n) => !policies.some((p) => p.name === n)), [], "docs list policies the pack does not have");
    assert.match(docs, new RegExp(`The pack has ${policies.length} policies`));
});
