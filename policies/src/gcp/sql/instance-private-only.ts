import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, at, isSet, opensInternet } from "../../lib/props";

/** Cloud SQL gets a public IP unless told otherwise (ipv4Enabled defaults to true). */
export const policy = resourcePolicy({
    name: "gcp-sql-instance-private-only",
    description: "Cloud SQL must have a private IP only; set settings.ipConfiguration.ipv4Enabled false and privateNetwork, and authorize no public networks.",
    enforcementLevel: "mandatory",
    types: ["gcp:sql/databaseInstance:DatabaseInstance"],
    check: (p) => {
        const ip = at(p, "settings.ipConfiguration") ?? {};
        const out: Finding[] = [];
        out.push(() => ((ip.ipv4Enabled !== false) ? "the instance has a public IP (ipv4Enabled is not false)." : undefined));
        out.push(() => ((!isSet(ip, "privateNetwork")) ? "privateNetwork is not set." : undefined));
        out.push(() => ((opensInternet(asList(ip.authorizedNetworks).map((n: any) => n.value))) ? "the whole internet is an authorized network." : undefined));
        return out;
    },
});
