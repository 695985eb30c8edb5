import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-rds-instance-storage-encrypted",
    description: "Database storage must be encrypted with the stack's KMS key; set storageEncrypted true and kmsKeyId.",
    enforcementLevel: "mandatory",
    types: ["aws:rds/instance:Instance"],
    check: (p) => {
        if (p.replicateSourceDb) {
            return [];
        }
        const out: string[] = [];
        if (p.storageEncrypted !== true) {
            out.push("storageEncrypted is not true.");
        }
        if (!p.kmsKeyId) {
            out.push("kmsKeyId is not set (AWS-managed key).");
        }
        return out;
    },
});
