// Every case of every policy, through the engine's protocol (one pack process for the whole file), plus
// the protocol itself: GetAnalyzerInfo lists the pack, Configure validates and applies config, the wire
// encoding uses the SDK's constants, and an undecidable check becomes the library's advisory note.
import * as assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { resolveConfig } from "../gate/evaluate";
import { encode, SECRET_SIG, SIG_KEY, UNKNOWN_SENTINEL } from "../gate/wire";
import { policies } from "../pack";
import { awsCases } from "./aws.cases";
import { run } from "./cases";
import { deployCases } from "./deploy.cases";
import { gcpCases } from "./gcp.cases";
import { kubernetesCases } from "./kubernetes.cases";
import { stackCases } from "./stack.cases";
import { covered, diagnostics, isPreviewNote, pack, resource } from "./support";
import { unknownCases } from "./unknown.cases";
import { v2Cases } from "./v2.cases";

run("aws", awsCases);
run("gcp", gcpCases);
run("kubernetes", kubernetesCases);
run("stack", stackCases);
run("deploy-readiness", deployCases);
run("preview unknowns", unknownCases);
run("v2: bypasses, false positives, check list", v2Cases);

test("every policy of the pack has a compliant baseline and at least one violating case", () => {
    const missing = policies.map((p) => p.name).filter((n) => !covered.has(n));
    assert.deepEqual(missing, []);
    for (const table of [awsCases, gcpCases, kubernetesCases, stackCases, deployCases]) {
        for (const c of table) {
            assert.ok(Object.keys(c.flips).length >= 1, `${c.policy} has no violating case`);
        }
    }
});

test("GetAnalyzerInfo answers with every policy of the pack and its level", async () => {
    const { policies: served } = await pack();
    assert.deepEqual(served.map((p) => `${p.name}:${p.enforcementLevel}`).sort(),
        policies.map((p) => `${p.name}:${p.enforcementLevel}`).sort());
});

test("the wire encoding uses @pulumi/pulumi's unknown and secret constants", () => {
    const rpc = createRequire(require.resolve("@pulumi/pulumi/package.json"))("./runtime/rpc");
    assert.equal(UNKNOWN_SENTINEL, rpc.unknownValue);
    assert.equal(SIG_KEY, rpc.specialSigKey);
    assert.equal(SECRET_SIG, rpc.specialSecretSig);
    assert.deepEqual(encode({ a: ["[unknown]", { b: "[secret]" }] }),
        { a: [rpc.unknownValue, { b: { [rpc.specialSigKey]: rpc.specialSecretSig, value: "[secret]" } }] });
});

test("a check that reads only unknown values is the library's advisory preview note, never a violation", async () => {
    const found = (await diagnostics([resource("aws:rds/instance:Instance", { engine: "postgres", publiclyAccessible: "[unknown]",
        storageEncrypted: true, kmsKeyId: "k" })])).filter((d) => d.policy === "aws-rds-instance-no-public-access");
    assert.equal(found.length, 1);
    assert.ok(isPreviewNote(found[0]), found[0].message);
    assert.equal(found[0].level, "advisory");
});

test("Configure: per-policy config and levels reach the policies; bad config is refused with the key", async () => {
    const db = () => [resource("aws:rds/instance:Instance", { engine: "postgres", backupRetentionPeriod: 10 }, {}, "prod")];
    const retention = async (config: any) => (await diagnostics(db(), "prod", config)).filter((d) => d.policy === "aws-rds-instance-backup-retention");
    assert.equal((await retention({})).length, 0);
    const stricter = await retention({ "aws-rds-instance-backup-retention": { minDays: 14 } });
    assert.equal(stricter.length, 1);
    assert.equal(stricter[0].level, "mandatory");
    const advisory = await retention({ "aws-rds-instance-backup-retention": { enforcementLevel: "advisory", minDays: 14 } });
    assert.equal(advisory[0].level, "advisory");
    assert.equal((await retention({ "aws-rds-instance-backup-retention": "disabled", all: "advisory" })).length, 0);
    const { policies: served } = await pack();
    assert.throws(() => resolveConfig(served, { "no-such-policy": "advisory" }), /config key "no-such-policy" is not a policy/);
    assert.throws(() => resolveConfig(served, { "aws-rds-instance-backup-retention": { minDayz: 3 } }), /minDayz" is not a property/);
    assert.throws(() => resolveConfig(served, { "aws-rds-instance-backup-retention": "strict" }), /"strict" is not one of/);
});

test("policies/config.json (the README's per-policy config example) is valid pack config", async () => {
    const config = JSON.parse(require("node:fs").readFileSync(require("node:path").join(__dirname, "..", "..", "config.json"), "utf8"));
    const resolved = resolveConfig((await pack()).policies, config);
    assert.equal(resolved["aws-rds-instance-backup-retention"].minDays, 14);
    assert.equal(resolved["aws-eks-cluster-access-entries"].enforcementLevel, "mandatory");
    assert.deepEqual(resolved["aws-kms-key-rotation"].prodStacks, ["prod"]);
});

test("stack-cluster-api-reachable-by-deployer: a private endpoint passes for a stack listed in deployedFromInside", async () => {
    const rs = () => [resource("aws:eks/cluster:Cluster", { vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false } }, { name: "eks" }),
        resource("kubernetes:core/v1:Namespace", { kind: "Namespace", metadata: { name: "strata" } }, { name: "ns" })];
    const name = "stack-cluster-api-reachable-by-deployer";
    const of = async (config: any) => (await diagnostics(rs(), "prod", config)).filter((d) => d.policy === name);
    assert.equal((await of({})).length, 1);
    assert.equal((await of({ [name]: { deployedFromInside: ["prod"] } })).length, 0);
});

test("a clean checkout (only the files git tracks, plus the installed dependencies) loads through run-policy-pack", async () => {
    const fs = require("node:fs");
    const os = require("node:os");
    const path = require("node:path");
    const { execFileSync } = require("node:child_process");
    const root = path.join(__dirname, "..", "..");
    const tracked: string[] = execFileSync("git", ["ls-files", "."], { cwd: root, encoding: "utf8" }).split("\n").filter((f: string) => f);
    assert.ok(tracked.includes("src/index.ts") && tracked.includes("package.json") && tracked.includes("PulumiPolicy.yaml"));
    assert.ok(!tracked.some((f: string) => f.startsWith("bin/")), "no build output is tracked");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-pack-"));
    try {
        for (const f of tracked) {
            fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
            fs.copyFileSync(path.join(root, f), path.join(dir, f));
        }
        fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
        const { PolicyPackProcess } = require("../gate/analyzer");
        const clean = await PolicyPackProcess.start(dir);
        try {
            const info = await clean.info();
            assert.equal(info.name, "strata-policies");
            assert.deepEqual(info.policies.map((p: any) => p.name).sort(), policies.map((p) => p.name).sort());
        } finally {
            clean.stop();
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
