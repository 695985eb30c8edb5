import { resourcePolicy } from "../../lib/policy";
import { asList, at, OPEN_CIDRS } from "../../lib/props";

/** Cloud SQL gets a public IP unless told otherwise (ipv4Enabled defaults to true). */
export const policy = resourcePolicy({
    name: "gcp-sql-instance-private-only",
    description: "Cloud SQL must have a private IP only; set settings.ipConfiguration.ipv4Enabled false and privateNetwork, and authorize no public networks.",
    enforcementLevel: "mandatory",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    check: (p) => {
        const ip = at(p, "settings.ipConfiguration") ?? {};
        const out: string[] = [];
        if (ip.ipv4Enabled !== false) {
            out.push("the instance has a public IP (ipv4Enabled is not false).");
        }
        if (!ip.privateNetwork) {
            out.push("privateNetwork is not set.");
        }
        if (asList(ip.authorizedNetworks).some((n: any) => OPEN_CIDRS.includes(n.value))) {
            out.push("the whole internet is an authorized network.");
        }
        return out;
    },
});
