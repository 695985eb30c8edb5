import { Finding, resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-rds-instance-deletion-protection",
    description: "Prod databases (RDS instances and Aurora clusters) must be protected from deletion and keep a final snapshot; set deletionProtection true and skipFinalSnapshot false.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    check: (p, ctx) => {
        if (!ctx.prod) {
            return [];
        }
        const out: Finding[] = [];
        out.push(() => ((p.deletionProtection !== true) ? "deletionProtection is not true in a prod stack." : undefined));
        out.push(() => ((p.skipFinalSnapshot === true || !isSet(p, "finalSnapshotIdentifier")) ? "no final snapshot is taken on deletion." : undefined));
        return out;
    },
});
