import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-backup-plan-retention",
    description: "Backup plans should keep recovery points at least 7 days and, in prod, copy them to another region; set rules[].lifecycle.deleteAfter and copyActions.",
    enforcementLevel: "advisory",
    types: ["aws:backup/plan:Plan"],
    check: (p, ctx) => asList(p.rules).flatMap((r: any) => {
        const out: Finding[] = [];
        const days = at(r, "lifecycle.deleteAfter");
        out.push(() => ((days !== undefined && days < 7) ? `rule ${r.ruleName} keeps recovery points ${days} days.` : undefined));
        out.push(() => ((ctx.prod && asList(r.copyActions).length === 0) ? `rule ${r.ruleName} has no cross-region copy in a prod stack.` : undefined));
        return out;
    }),
});
