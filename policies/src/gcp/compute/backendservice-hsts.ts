import { resourcePolicy } from "../../lib/policy";
import { asList, isUnknown, rawAt } from "../../lib/props";

const MIN_MAX_AGE = 15552000;

/**
 * A backend service of an external Application Load Balancer answers browsers directly: it adds
 * Strict-Transport-Security (at least 180 days) through customResponseHeaders, so that no answer depends on the
 * origin remembering it.
 */
export const policy = resourcePolicy({
    name: "gcp-compute-backendservice-hsts",
    description: "External backend services must add Strict-Transport-Security with a max-age of at least 180 days; add \"Strict-Transport-Security: max-age=31536000; includeSubDomains\" to customResponseHeaders.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/backendService:BackendService"],
    check: (p) => {
        if (!["EXTERNAL", "EXTERNAL_MANAGED", undefined].includes(rawAt(p, "loadBalancingScheme"))) {
            return [];
        }
        const headers = rawAt(p, "customResponseHeaders");
        if (isUnknown(headers)) {
            return [];
        }
        const sts = asList(headers).map((h: any) => String(h)).find((h) => /^strict-transport-security\s*:/i.test(h));
        if (sts === undefined) {
            return ["no Strict-Transport-Security in customResponseHeaders."];
        }
        const age = Number(/max-age\s*=\s*(\d+)/i.exec(sts)?.[1]);
        return age >= MIN_MAX_AGE ? [] : [`"${sts}" keeps HSTS for less than 180 days (${MIN_MAX_AGE} s).`];
    },
});
