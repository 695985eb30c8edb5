import { resourcePolicy } from "../../lib/policy";

const MAX_SECONDS = 90 * 24 * 3600;

export const policy = resourcePolicy({
    name: "gcp-kms-cryptokey-rotation",
    description: "Cloud KMS keys must rotate at least every 90 days; set rotationPeriod to \"7776000s\" or less.",
    enforcementLevel: "mandatory",
    types: ["gcp:kms/cryptoKey:CryptoKey"],
    check: (p) => {
        const seconds = Number(String(p.rotationPeriod ?? "").replace(/s$/, ""));
        return p.rotationPeriod && seconds > 0 && seconds <= MAX_SECONDS ? []
            : [`rotationPeriod is ${p.rotationPeriod ?? "unset (never rotates)"}.`];
    },
});
