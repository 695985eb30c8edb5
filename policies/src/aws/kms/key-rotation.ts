import { Finding, resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-kms-key-rotation",
    description: "Symmetric customer-managed keys must rotate yearly (asymmetric and HMAC keys cannot) and keep the policy lockout check; set enableKeyRotation true and do not set bypassPolicyLockoutSafetyCheck.",
    enforcementLevel: "mandatory",
    types: ["aws:kms/key:Key"],
    check: (p) => {
        const out: Finding[] = [];
        // only symmetric encryption keys can rotate automatically (asymmetric and HMAC keys cannot:
        // docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html)
        out.push(() => ((p.enableKeyRotation !== true && (p.keyUsage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT"
            && (p.customerMasterKeySpec ?? p.keySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT") ? "enableKeyRotation is not true." : undefined));
        out.push(() => ((p.bypassPolicyLockoutSafetyCheck === true) ? "bypassPolicyLockoutSafetyCheck is true." : undefined));
        return out;
    },
});
