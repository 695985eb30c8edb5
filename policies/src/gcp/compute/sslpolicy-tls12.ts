import { Finding, resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "gcp-compute-sslpolicy-tls12",
    description: "HTTPS load balancers must negotiate TLS 1.2 or newer with a MODERN or RESTRICTED profile; set minTlsVersion TLS_1_2.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/sSLPolicy:SSLPolicy"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((!["TLS_1_2", "TLS_1_3"].includes(p.minTlsVersion)) ? `minTlsVersion is ${p.minTlsVersion ?? "TLS_1_0 (default)"}.` : undefined));
        out.push(() => ((!["MODERN", "RESTRICTED", "CUSTOM"].includes(p.profile ?? "COMPATIBLE")) ? `profile is ${p.profile ?? "COMPATIBLE (default)"}.` : undefined));
        return out;
    },
});
