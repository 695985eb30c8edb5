import { resourcePolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-backup-plan-retention",
    description: "Backup plans should keep recovery points at least 7 days and, in prod, copy them to another region; set rules[].lifecycle.deleteAfter and copyActions.",
    enforcementLevel: "advisory",
    types: ["aws:backup/plan:Plan"],
    check: (p, ctx) => asList(p.rules).flatMap((r: any) => {
        const out: string[] = [];
        const days = at(r, "lifecycle.deleteAfter");
        if (days !== undefined && days < 7) {
            out.push(`rule ${r.ruleName} keeps recovery points ${days} days.`);
        }
        if (ctx.prod && asList(r.copyActions).length === 0) {
            out.push(`rule ${r.ruleName} has no cross-region copy in a prod stack.`);
        }
        return out;
    }),
});
