import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-rds-instance-multi-az",
    description: "Prod databases must survive the loss of a zone; set multiAz true.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/instance:Instance"],
    check: (p, ctx) => (ctx.prod && p.multiAz !== true ? ["multiAz is not true in a prod stack."] : []),
});
