import { Finding, resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-rds-instance-storage-encrypted",
    description: "Database storage (RDS instances and Aurora clusters) must be encrypted with the stack's KMS key; set storageEncrypted true and kmsKeyId.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"],
    check: (p) => {
        if (p.replicateSourceDb) {
            return [];
        }
        const out: Finding[] = [];
        out.push(() => ((p.storageEncrypted !== true) ? "storageEncrypted is not true." : undefined));
        out.push(() => ((!isSet(p, "kmsKeyId")) ? "kmsKeyId is not set (AWS-managed key)." : undefined));
        return out;
    },
});
