import * as assert from "node:assert/strict";
import { test } from "node:test";
import { policies } from "../pack";
import { awsCases } from "./aws.cases";
import { run } from "./cases";
import { gcpCases } from "./gcp.cases";
import { kubernetesCases } from "./kubernetes.cases";
import { stackCases } from "./stack.cases";
import { covered } from "./support";

run("aws", awsCases);
run("gcp", gcpCases);
run("kubernetes", kubernetesCases);
run("stack", stackCases);

test("every policy of the pack has a compliant baseline and at least one violating case", () => {
    const missing = policies.map((p) => p.name).filter((n) => !covered.has(n));
    assert.deepEqual(missing, []);
    for (const table of [awsCases, gcpCases, kubernetesCases, stackCases]) {
        for (const c of table) {
            assert.ok(Object.keys(c.flips).length >= 1, `${c.policy} has no violating case`);
        }
    }
});
