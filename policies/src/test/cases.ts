import * as assert from "node:assert/strict";
import { test } from "node:test";
import { Case, clone, covered, violations } from "./support";

/** Registers the tests of a case table: the baseline passes, every flip fails. */
export function run(title: string, cases: Case[]): void {
    for (const c of cases) {
        covered.add(c.policy);
        test(`${title}: ${c.policy} passes its compliant baseline`, async () => {
            assert.deepEqual(await violations(c.policy, c.baseline(), c.stack ?? "dev"), []);
        });
        for (const [flip, mutate] of Object.entries(c.flips)) {
            test(`${title}: ${c.policy} fails when ${flip}`, async () => {
                const rs = clone(c.baseline());
                mutate(rs);
                const found = await violations(c.policy, rs, c.stack ?? "dev");
                assert.ok(found.length > 0, `expected a violation when ${flip}`);
            });
        }
    }
}
