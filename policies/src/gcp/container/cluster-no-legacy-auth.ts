import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-cluster-no-legacy-auth",
    description: "GKE must not use legacy ABAC or client certificates; leave enableLegacyAbac false and masterAuth.clientCertificateConfig.issueClientCertificate false.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => {
        const out: string[] = [];
        if (p.enableLegacyAbac === true) {
            out.push("legacy ABAC is enabled.");
        }
        if (at(p, "masterAuth.clientCertificateConfig.issueClientCertificate") === true) {
            out.push("client certificates are issued.");
        }
        return out;
    },
});
