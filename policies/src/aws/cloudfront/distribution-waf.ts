import { resourcePolicy } from "../../lib/policy";
import { isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-cloudfront-distribution-waf",
    description: "Distributions must be protected by a WAFv2 web ACL of scope CLOUDFRONT; set webAclId.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudfront/distribution:Distribution"],
    check: (p) => (isSet(p, "webAclId") ? [] : ["no WAF web ACL is attached."]),
});
