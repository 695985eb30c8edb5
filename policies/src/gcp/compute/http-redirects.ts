import { stackPolicy } from "../../lib/policy";
import { at } from "../../lib/props";

/** Plain HTTP may exist only to redirect: every HTTP proxy's URL map redirects to HTTPS. */
export const policy = stackPolicy({
    name: "gcp-compute-http-redirects-to-https",
    description: "HTTP load balancer proxies must only redirect to HTTPS; point them at a URL map whose defaultUrlRedirect has httpsRedirect true.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const maps = resources.filter((r) => r.type === "gcp:compute/uRLMap:URLMap");
        return resources.filter((r) => r.type === "gcp:compute/targetHttpProxy:TargetHttpProxy").flatMap((proxy) => {
            const map = maps.find((m) => m.props.id === proxy.props.urlMap || m.props.selfLink === proxy.props.urlMap);
            return map && at(map.props, "defaultUrlRedirect.httpsRedirect") === true ? []
                : [{ urn: proxy.urn, message: `HTTP proxy ${proxy.name} serves content instead of redirecting to HTTPS.` }];
        });
    },
});
