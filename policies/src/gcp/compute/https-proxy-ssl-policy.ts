import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-compute-targethttpsproxy-ssl-policy",
    description: "HTTPS proxies must use an explicit SSL policy (the default allows TLS 1.0); set sslPolicy.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/targetHttpsProxy:TargetHttpsProxy"],
    check: (p) => (isSet(p, "sslPolicy") ? [] : ["sslPolicy is not set."]),
});
