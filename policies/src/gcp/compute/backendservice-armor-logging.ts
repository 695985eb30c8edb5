import { Finding, resourcePolicy } from "../../lib/policy";
import { at, isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-compute-backendservice-armor-logging",
    description: "External backend services must have a Cloud Armor policy and request logging; set securityPolicy and logConfig.enable true.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/backendService:BackendService"],
    check: (p) => {
        if (!["EXTERNAL", "EXTERNAL_MANAGED", undefined].includes(p.loadBalancingScheme)) {
            return [];
        }
        const out: Finding[] = [];
        out.push(() => ((!isSet(p, "securityPolicy")) ? "no Cloud Armor securityPolicy is attached." : undefined));
        out.push(() => ((at(p, "logConfig.enable") !== true) ? "request logging is off." : undefined));
        return out;
    },
});
