import { stackPolicy } from "../../lib/policy";
import { at, refs } from "../../lib/props";

/** Plain HTTP may exist only to redirect: every HTTP proxy's URL map (joined through urlMap) redirects to HTTPS. */
export const policy = stackPolicy({
    name: "gcp-compute-http-redirects-to-https",
    description: "HTTP load balancer proxies must only redirect to HTTPS; point them at a URL map whose defaultUrlRedirect has httpsRedirect true.",
    enforcementLevel: "mandatory",
    check: (resources) => resources.filter((r) => r.type === "gcp:compute/targetHttpProxy:TargetHttpProxy").map((proxy) => () => {
        const maps = refs(proxy, "urlMap").filter((m) => m.type === "gcp:compute/uRLMap:URLMap");
        return maps.length > 0 && maps.every((m) => at(m.props, "defaultUrlRedirect.httpsRedirect") === true) ? undefined
            : { urn: proxy.urn, message: `HTTP proxy ${proxy.name} serves content instead of redirecting to HTTPS.` };
    }),
});
