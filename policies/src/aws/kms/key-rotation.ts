import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-kms-key-rotation",
    description: "Customer-managed keys must rotate yearly and keep the policy lockout check; set enableKeyRotation true and do not set bypassPolicyLockoutSafetyCheck.",
    enforcementLevel: "mandatory",
    types: ["aws:kms/key:Key"],
    check: (p) => {
        const out: string[] = [];
        if (p.enableKeyRotation !== true && (p.keyUsage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT") {
            out.push("enableKeyRotation is not true.");
        }
        if (p.bypassPolicyLockoutSafetyCheck === true) {
            out.push("bypassPolicyLockoutSafetyCheck is true.");
        }
        return out;
    },
});
