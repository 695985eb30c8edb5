import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-cloudfront-distribution-waf",
    description: "Distributions must have a WAFv2 web ACL attached; set webAclId (aws-cloudfront-distribution-waf-content checks its scope and rules).",
    enforcementLevel: "mandatory",
    types: ["aws:cloudfront/distribution:Distribution"],
    check: (p) => (isSet(p, "webAclId") ? [] : ["no WAF web ACL is attached."]),
});
