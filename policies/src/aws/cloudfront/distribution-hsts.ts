import { stackPolicy } from "../../lib/policy";
import { asList, isUnknown, rawAt, refs } from "../../lib/props";

/** RFC 6797 max-age floor: 180 days, what scripts/smoke and SSL Labs' "HSTS long duration" accept. */
export const MIN_MAX_AGE = 15552000;
/** CloudFront's managed SecurityHeadersPolicy (HSTS max-age 31536000); its id is the same in every account. */
export const MANAGED_SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03";

/**
 * Every cache behavior of a distribution answers with Strict-Transport-Security: each behavior names a response
 * headers policy, and each policy of the stack the distribution refers to sends HSTS for at least 180 days,
 * overriding the origin. A policy id from outside the stack cannot be checked, except AWS's managed
 * SecurityHeadersPolicy.
 */
export const policy = stackPolicy({
    name: "aws-cloudfront-distribution-hsts",
    description: "Every cache behavior of a CloudFront distribution must attach a response headers policy that sends Strict-Transport-Security for at least 180 days with override true; set responseHeadersPolicyId on each behavior.",
    enforcementLevel: "mandatory",
    check: (resources) => resources.filter((r) => r.type === "aws:cloudfront/distribution:Distribution").map((cdn) => () => {
        const out: { urn: string; message: string }[] = [];
        const behaviors: [string, any][] = [["the default behavior", rawAt(cdn.props, "defaultCacheBehavior")],
            ...asList(rawAt(cdn.props, "orderedCacheBehaviors")).map((b: any): [string, any] => [`behavior ${b?.pathPattern}`, b])];
        for (const [label, b] of behaviors) {
            const id = b?.responseHeadersPolicyId;
            if (id === undefined || id === null || id === "") {
                out.push({ urn: cdn.urn, message: `${label} has no response headers policy, so no HSTS.` });
            }
        }
        const policies = [...refs(cdn, "defaultCacheBehavior"), ...refs(cdn, "orderedCacheBehaviors")]
            .filter((p) => p.type === "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy");
        const outside = behaviors.map(([, b]) => b?.responseHeadersPolicyId)
            .filter((id) => typeof id === "string" && id !== "" && !isUnknown(id) && id !== MANAGED_SECURITY_HEADERS);
        if (policies.length === 0 && outside.length > 0) {
            out.push({ urn: cdn.urn, message: `response headers policy ${outside[0]} is not in the stack, so its HSTS cannot be checked.` });
        }
        for (const p of new Map(policies.map((p) => [p.urn, p])).values()) {
            const sts = rawAt(p.props, "securityHeadersConfig.strictTransportSecurity");
            const age = Number(sts?.accessControlMaxAgeSec);
            if (!sts || isUnknown(sts)) {
                out.push({ urn: p.urn, message: `response headers policy ${p.name} sends no Strict-Transport-Security.` });
            } else if (!(age >= MIN_MAX_AGE)) {
                out.push({ urn: p.urn, message: `response headers policy ${p.name} sends HSTS for ${sts.accessControlMaxAgeSec} s, less than 180 days (${MIN_MAX_AGE} s).` });
            } else if (sts.override !== true) {
                out.push({ urn: p.urn, message: `response headers policy ${p.name} lets the origin's HSTS win (override is not true).` });
            }
        }
        return out;
    }),
});
