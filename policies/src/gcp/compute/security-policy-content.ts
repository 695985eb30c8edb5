import { stackPolicy } from "../../lib/policy";
import { asList, rawAt, refs } from "../../lib/props";

/** Preconfigured WAF rule families every edge policy denies (cloud.google.com/armor/docs/waf-rules). */
const REQUIRED = ["sqli", "xss"];

/**
 * A Cloud Armor policy that exists but allows everything is no protection: each external backend service's
 * security policy (joined through securityPolicy) must deny requests matching the preconfigured SQL
 * injection and cross-site scripting WAF rules, and must be of type CLOUD_ARMOR (the default).
 */
export const policy = stackPolicy({
    name: "gcp-compute-security-policy-content",
    description: "The Cloud Armor policy of every external backend service must deny the preconfigured sqli and xss WAF rules; add rules with evaluatePreconfiguredWaf (or evaluatePreconfiguredExpr) and a deny action.",
    enforcementLevel: "mandatory",
    check: (resources) => resources.filter((r) => r.type === "gcp:compute/backendService:BackendService").flatMap((b) =>
        refs(b, "securityPolicy").filter((s) => s.type === "gcp:compute/securityPolicy:SecurityPolicy").map((policy) => () => {
            const denied = asList(rawAt(policy.props, "rules")).filter((r: any) => String(r?.action ?? "").startsWith("deny"))
                .map((r: any) => String(r?.match?.expr?.expression ?? ""));
            const out = REQUIRED.filter((f) => !denied.some((e) => new RegExp(`evaluatePreconfigured(Expr|Waf)\\('${f}-`).test(e)))
                .map((f) => ({ urn: policy.urn, message: `Cloud Armor policy ${policy.name} does not deny the preconfigured ${f} rules.` }));
            const type = rawAt(policy.props, "type");
            if (type !== undefined && type !== "CLOUD_ARMOR") {
                out.push({ urn: policy.urn, message: `Cloud Armor policy ${policy.name} is of type ${type}, which backend services cannot use for WAF rules.` });
            }
            return out;
        })),
});
