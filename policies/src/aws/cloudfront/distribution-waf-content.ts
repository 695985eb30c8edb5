import { stackPolicy } from "../../lib/policy";
import { asList, isUnknown, rawAt, refs } from "../../lib/props";

/** Managed rule groups every edge ACL runs, enforcing (overrideAction none, not count). */
const REQUIRED = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"];

/**
 * A web ACL that exists but allows everything is no protection: the distribution's ACL (joined through
 * webAclId) must have scope CLOUDFRONT (the only scope CloudFront accepts) and run the AWS common and
 * known-bad-inputs managed rule groups without a count override. An ACL from outside the stack is checked
 * for its scope through the ARN (".../global/webacl/...").
 */
export const policy = stackPolicy({
    name: "aws-cloudfront-distribution-waf-content",
    description: "The distribution's WAFv2 web ACL must have scope CLOUDFRONT and enforce the AWSManagedRulesCommonRuleSet and AWSManagedRulesKnownBadInputsRuleSet managed rule groups; add them with overrideAction none.",
    enforcementLevel: "mandatory",
    check: (resources) => resources.filter((r) => r.type === "aws:cloudfront/distribution:Distribution").map((cdn) => () => {
        const acls = refs(cdn, "webAclId").filter((a) => a.type === "aws:wafv2/webAcl:WebAcl");
        const literal = rawAt(cdn.props, "webAclId");
        if (acls.length === 0) {
            return typeof literal === "string" && !isUnknown(literal) && literal.startsWith("arn:") && !literal.includes(":global/webacl/")
                ? { urn: cdn.urn, message: `web ACL ${literal} is not a CLOUDFRONT-scope (global) ACL.` } : undefined;
        }
        return acls.flatMap((acl) => {
            const out = [];
            if (rawAt(acl.props, "scope") !== "CLOUDFRONT") {
                out.push({ urn: acl.urn, message: `web ACL ${acl.name} has scope ${rawAt(acl.props, "scope")}, not CLOUDFRONT.` });
            }
            const enforced = asList(rawAt(acl.props, "rules")).filter((r: any) => r?.overrideAction?.count === undefined)
                .map((r: any) => r?.statement?.managedRuleGroupStatement).filter((m: any) => m?.vendorName === "AWS").map((m: any) => m.name);
            REQUIRED.filter((g) => !enforced.includes(g)).forEach((g) =>
                out.push({ urn: acl.urn, message: `web ACL ${acl.name} does not enforce ${g}.` }));
            return out;
        });
    }),
});
