import { resourcePolicy } from "../../lib/policy";

export const policy = resourcePolicy({
    name: "aws-cloudfront-distribution-waf",
    description: "Distributions must be protected by a WAFv2 web ACL of scope CLOUDFRONT; set webAclId.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudfront/distribution:Distribution"],
    check: (p) => (p.webAclId ? [] : ["no WAF web ACL is attached."]),
});
