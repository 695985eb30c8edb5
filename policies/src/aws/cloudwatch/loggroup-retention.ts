import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-cloudwatch-loggroup-retention",
    description: "Log groups must have a retention (at least minDays, 30 in prod) and be encrypted with the stack's KMS key; set retentionInDays and kmsKeyId.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    config: { minDays: { type: "integer", default: 30 } },
    check: (p, ctx) => {
        const out: string[] = [];
        const min = ctx.prod ? ctx.config.minDays : 1;
        if (!p.retentionInDays || p.retentionInDays < min) {
            out.push(`retentionInDays is ${p.retentionInDays ?? "unset (kept forever)"}; at least ${min} required.`);
        }
        if (!p.kmsKeyId) {
            out.push("kmsKeyId is not set.");
        }
        return out;
    },
});
