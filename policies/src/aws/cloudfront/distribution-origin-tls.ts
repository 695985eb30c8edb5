import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, at, rawAt } from "../../lib/props";

/**
 * Traffic to a custom origin crosses the internet, so it must be TLS 1.2. A VPC origin is reached over
 * the AWS network into a private subnet (no internet exposure) and is accepted.
 */
export const policy = resourcePolicy({
    name: "aws-cloudfront-distribution-origin-tls",
    description: "Custom origins must be reached over HTTPS with TLSv1.2 only; set customOriginConfig.originProtocolPolicy https-only and originSslProtocols [\"TLSv1.2\"], or use a VPC origin.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudfront/distribution:Distribution"],
    check: (p) => asList(p.origins).flatMap((o: any) => {
        // an origin access control signs requests to S3 (and Lambda/MediaStore) origins; it does not make a
        // custom origin private, so it exempts only an S3 domain
        const s3 = /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(String(rawAt(o, "domainName") ?? ""));
        if (o.vpcOriginConfig || o.s3OriginConfig || (o.originAccessControlId && s3)) {
            return [];
        }
        const c = o.customOriginConfig ?? {};
        const out: Finding[] = [];
        out.push(() => ((c.originProtocolPolicy !== "https-only") ? `origin ${o.originId} is reached over ${c.originProtocolPolicy ?? "an unspecified protocol"}.` : undefined));
        const protocols = asList(at(c, "originSslProtocols"));
        out.push(() => ((protocols.some((x) => x !== "TLSv1.2")) ? `origin ${o.originId} allows ${protocols.join(", ")}.` : undefined));
        return out;
    }),
});
