import * as assert from "node:assert/strict";
import { test } from "node:test";
import { Case, clone, covered, policyInfo, violations } from "./support";

/** Registers the tests of a case table: the baseline and every pass variant pass, every flip fails at the policy's level. */
export function run(title: string, cases: Case[]): void {
    for (const c of cases) {
        covered.add(c.policy);
        const stack = c.stack ?? "dev";
        test(`${title}: ${c.policy} passes its compliant baseline`, async () => {
            assert.deepEqual((await violations(c.policy, c.baseline(), stack, c.config)).map((d) => d.message), []);
        });
        for (const [name, mutate] of Object.entries(c.passes ?? {})) {
            test(`${title}: ${c.policy} passes when ${name}`, async () => {
                const rs = clone(c.baseline());
                mutate(rs);
                assert.deepEqual((await violations(c.policy, rs, stack, c.config)).map((d) => d.message), []);
            });
        }
        for (const [flip, mutate] of Object.entries(c.flips)) {
            test(`${title}: ${c.policy} fails when ${flip}`, async () => {
                const rs = clone(c.baseline());
                mutate(rs);
                const found = await violations(c.policy, rs, stack, c.config);
                assert.ok(found.length > 0, `expected a violation when ${flip}`);
                const level = (await policyInfo(c.policy)).enforcementLevel;
                for (const d of found) {
                    assert.equal(d.level, level, `${c.policy} reported at ${d.level}, declared ${level}`);
                    assert.equal(d.pack, "strata-policies");
                }
            });
        }
    }
}
