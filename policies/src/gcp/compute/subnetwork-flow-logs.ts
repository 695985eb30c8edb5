import { Finding, resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "gcp-compute-subnetwork-flow-logs",
    description: "Subnets must record flow logs and let private nodes reach Google APIs privately; set logConfig and privateIpGoogleAccess true.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/subnetwork:Subnetwork"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((!p.logConfig) ? "logConfig (flow logs) is not set." : undefined));
        out.push(() => ((p.privateIpGoogleAccess !== true) ? "privateIpGoogleAccess is not true." : undefined));
        return out;
    },
});
