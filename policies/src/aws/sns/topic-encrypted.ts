import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-sns-topic-encrypted",
    description: "Alert topics should be encrypted with the stack's KMS key; set kmsMasterKeyId.",
    enforcementLevel: "advisory",
    types: ["aws:sns/topic:Topic"],
    check: (p) => (p.kmsMasterKeyId ? [] : ["kmsMasterKeyId is not set."]),
});
