import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-compute-backendservice-armor-logging",
    description: "External backend services must have a Cloud Armor policy and request logging; set securityPolicy and logConfig.enable true.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/backendService:BackendService"],
    check: (p) => {
        if (!["EXTERNAL", "EXTERNAL_MANAGED", undefined].includes(p.loadBalancingScheme)) {
            return [];
        }
        const out: string[] = [];
        if (!p.securityPolicy) {
            out.push("no Cloud Armor securityPolicy is attached.");
        }
        if (at(p, "logConfig.enable") !== true) {
            out.push("request logging is off.");
        }
        return out;
    },
});
