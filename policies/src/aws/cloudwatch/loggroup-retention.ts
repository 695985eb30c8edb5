import { Finding, resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-cloudwatch-loggroup-retention",
    description: "Log groups must have a retention (at least minDays, 30 in prod) and be encrypted with the stack's KMS key; set retentionInDays and kmsKeyId.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    config: { minDays: { type: "integer", default: 30 } },
    check: (p, ctx) => {
        const out: Finding[] = [];
        const min = ctx.prod ? ctx.config.minDays : 1;
        out.push(() => ((!p.retentionInDays || p.retentionInDays < min) ? `retentionInDays is ${p.retentionInDays ?? "unset (kept forever)"}; at least ${min} required.` : undefined));
        out.push(() => ((!isSet(p, "kmsKeyId")) ? "kmsKeyId is not set." : undefined));
        return out;
    },
});
