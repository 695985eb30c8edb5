import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-rds-instance-deletion-protection",
    description: "Prod databases must be protected from deletion and keep a final snapshot; set deletionProtection true and skipFinalSnapshot false.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/instance:Instance"],
    check: (p, ctx) => {
        if (!ctx.prod) {
            return [];
        }
        const out: string[] = [];
        if (p.deletionProtection !== true) {
            out.push("deletionProtection is not true in a prod stack.");
        }
        if (p.skipFinalSnapshot === true || !p.finalSnapshotIdentifier) {
            out.push("no final snapshot is taken on deletion.");
        }
        return out;
    },
});
