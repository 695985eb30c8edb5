import { Finding, resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-cluster-no-legacy-auth",
    description: "GKE must not use legacy ABAC or client certificates; leave enableLegacyAbac false and masterAuth.clientCertificateConfig.issueClientCertificate false.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((p.enableLegacyAbac === true) ? "legacy ABAC is enabled." : undefined));
        out.push(() => ((at(p, "masterAuth.clientCertificateConfig.issueClientCertificate") === true) ? "client certificates are issued." : undefined));
        return out;
    },
});
