import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "gcp-compute-subnetwork-flow-logs",
    description: "Subnets must record flow logs and let private nodes reach Google APIs privately; set logConfig and privateIpGoogleAccess true.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/subnetwork:Subnetwork"],
    check: (p) => {
        const out: string[] = [];
        if (!p.logConfig) {
            out.push("logConfig (flow logs) is not set.");
        }
        if (p.privateIpGoogleAccess !== true) {
            out.push("privateIpGoogleAccess is not true.");
        }
        return out;
    },
});
