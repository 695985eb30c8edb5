import { Finding, resourcePolicy } from "../../lib/policy";
import { at, isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-storage-bucket-versioning-encryption",
    description: "Buckets must keep object versions and be encrypted with the stack's Cloud KMS key; set versioning.enabled true and encryption.defaultKmsKeyName.",
    enforcementLevel: "mandatory",
    types: ["gcp:storage/bucket:Bucket"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((at(p, "versioning.enabled") !== true) ? "versioning is off." : undefined));
        out.push(() => ((!isSet(p, "encryption.defaultKmsKeyName")) ? "no customer-managed encryption key." : undefined));
        return out;
    },
});
