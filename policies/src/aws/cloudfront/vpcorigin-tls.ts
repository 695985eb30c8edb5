import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

/** Defence in depth: even over the AWS network, HTTPS to the origin is better (needs a private origin domain). */
export const policy = resourcePolicy({
    name: "aws-cloudfront-vpcorigin-https",
    description: "VPC origins should be reached over HTTPS; give the ALB a private origin domain with a certificate and set originProtocolPolicy https-only.",
    enforcementLevel: "advisory",
    types: ["aws:cloudfront/vpcOrigin:VpcOrigin"],
    check: (p) => (at(p, "vpcOriginEndpointConfig.originProtocolPolicy") === "https-only" ? []
        : [`the VPC origin is reached over ${at(p, "vpcOriginEndpointConfig.originProtocolPolicy")}.`]),
});
