import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-sns-topic-encrypted",
    description: "Alert topics should be encrypted with the stack's KMS key; set kmsMasterKeyId.",
    enforcementLevel: "advisory",
    types: ["aws:sns/topic:Topic"],
    check: (p) => (isSet(p, "kmsMasterKeyId") ? [] : ["kmsMasterKeyId is not set."]),
});
