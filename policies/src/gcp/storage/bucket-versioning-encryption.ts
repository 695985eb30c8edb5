import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-storage-bucket-versioning-encryption",
    description: "Buckets must keep object versions and be encrypted with the stack's Cloud KMS key; set versioning.enabled true and encryption.defaultKmsKeyName.",
    enforcementLevel: "mandatory",
    types: ["gcp:storage/bucket:Bucket"],
    check: (p) => {
        const out: string[] = [];
        if (at(p, "versioning.enabled") !== true) {
            out.push("versioning is off.");
        }
        if (!at(p, "encryption.defaultKmsKeyName")) {
            out.push("no customer-managed encryption key.");
        }
        return out;
    },
});
