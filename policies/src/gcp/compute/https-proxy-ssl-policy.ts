import { stackPolicy } from "../../lib/policy";
import { isSet, rawAt, refs } from "../../lib/props";

/**
 * Every HTTPS proxy names an SSL policy (without one, GCP's default allows TLS 1.0), and the policy it names
 * (joined through sslPolicy) negotiates TLS 1.2+ with a MODERN, RESTRICTED or CUSTOM profile.
 */
export const policy = stackPolicy({
    name: "gcp-compute-targethttpsproxy-ssl-policy",
    description: "HTTPS proxies must use an SSL policy with minTlsVersion TLS_1_2 and a MODERN or RESTRICTED profile (the default allows TLS 1.0); set sslPolicy to such a policy.",
    enforcementLevel: "mandatory",
    check: (resources) => resources.filter((r) => r.type === "gcp:compute/targetHttpsProxy:TargetHttpsProxy").map((proxy) => () => {
        if (!isSet(proxy.props, "sslPolicy")) {
            return { urn: proxy.urn, message: `HTTPS proxy ${proxy.name} has no SSL policy.` };
        }
        return refs(proxy, "sslPolicy").filter((p) => p.type === "gcp:compute/sSLPolicy:SSLPolicy")
            .filter((p) => !["TLS_1_2", "TLS_1_3"].includes(rawAt(p.props, "minTlsVersion"))
                || !["MODERN", "RESTRICTED", "CUSTOM"].includes(rawAt(p.props, "profile") ?? "COMPATIBLE"))
            .map((p) => ({ urn: proxy.urn, message: `HTTPS proxy ${proxy.name} uses SSL policy ${p.name}, which allows TLS below 1.2 or a COMPATIBLE profile.` }));
    }),
});
