import { resourcePolicy } from "../../lib/policy";

const MAX_SECONDS = 90 * 24 * 3600;

export const policy = resourcePolicy({
    name: "gcp-kms-cryptokey-rotation",
    description: "Symmetric Cloud KMS keys must rotate at least every 90 days; set rotationPeriod to \"7776000s\" or less.",
    enforcementLevel: "mandatory",
    types: ["gcp:kms/cryptoKey:CryptoKey"],
    check: (p) => {
        // only symmetric ENCRYPT_DECRYPT keys rotate automatically (cloud.google.com/kms/docs/key-rotation)
        if ((p.purpose ?? "ENCRYPT_DECRYPT") !== "ENCRYPT_DECRYPT") {
            return [];
        }
        const seconds = Number(String(p.rotationPeriod ?? "").replace(/s$/, ""));
        return p.rotationPeriod && seconds > 0 && seconds <= MAX_SECONDS ? []
            : [`rotationPeriod is ${p.rotationPeriod ?? "unset (never rotates)"}.`];
    },
});
