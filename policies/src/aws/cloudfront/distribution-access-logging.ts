import { resourcePolicy } from "../../lib/policy";
import { at, isSet } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-cloudfront-distribution-access-logging",
    description: "Edge requests must be logged; set loggingConfig.bucket to the stack's private log bucket.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudfront/distribution:Distribution"],
    check: (p) => (isSet(p, "loggingConfig.bucket") ? [] : ["loggingConfig.bucket is not set."]),
});
