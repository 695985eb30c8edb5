import { Finding, resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-kms-key-rotation",
    description: "Customer-managed keys must rotate yearly and keep the policy lockout check; set enableKeyRotation true and do not set bypassPolicyLockoutSafetyCheck.",
    enforcementLevel: "mandatory",
    types: ["aws:kms/key:Key"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((p.enableKeyRotation !== true && (p.keyUsage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT") ? "enableKeyRotation is not true." : undefined));
        out.push(() => ((p.bypassPolicyLockoutSafetyCheck === true) ? "bypassPolicyLockoutSafetyCheck is true." : undefined));
        return out;
    },
});
