import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-backup-vault-encrypted",
    description: "Backup vaults of the stack's region should use the stack's KMS key; set kmsKeyArn.",
    enforcementLevel: "advisory",
    types: ["aws:backup/vault:Vault"],
    check: (p) => (isSet(p, "kmsKeyArn") ? [] : ["kmsKeyArn is not set (AWS-managed key)."]),
});
