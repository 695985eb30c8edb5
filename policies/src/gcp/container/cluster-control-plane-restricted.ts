import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, at, opensInternet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-cluster-control-plane-restricted",
    description: "The GKE control plane must be reachable only from authorized networks (or privately); set masterAuthorizedNetworksConfig without 0.0.0.0/0 and gcpPublicCidrsAccessEnabled false.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => {
        const cfg = p.masterAuthorizedNetworksConfig;
        if (!cfg) {
            return ["masterAuthorizedNetworksConfig is not set: the API is open to the internet."];
        }
        const out: Finding[] = [];
        out.push(() => ((opensInternet(asList(cfg.cidrBlocks).map((b: any) => b.cidrBlock))) ? "an authorized network is the whole internet." : undefined));
        out.push(() => ((cfg.gcpPublicCidrsAccessEnabled === true) ? "all Google Cloud public addresses may reach the API." : undefined));
        return out;
    },
});
