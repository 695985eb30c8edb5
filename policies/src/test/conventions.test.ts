import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { policies } from "../pack";

test("the pack has at least 45 policies with unique names", () => {
    assert.ok(policies.length >= 45, `${policies.length} policies`);
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
