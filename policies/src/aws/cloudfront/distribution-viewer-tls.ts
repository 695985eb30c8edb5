import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, at, isSet } from "../../lib/props";

/** With a custom domain the certificate and minimum protocol are ours to set; TLS 1.2 is then mandatory. */
export const policy = resourcePolicy({
    name: "aws-cloudfront-distribution-viewer-tls",
    description: "Distributions serving a custom domain must use an ACM certificate with minimumProtocolVersion TLSv1.2_2021 and sslSupportMethod sni-only.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudfront/distribution:Distribution"],
    check: (p) => {
        if (asList(p.aliases).length === 0) {
            return [];
        }
        const out: Finding[] = [];
        out.push(() => ((!isSet(p, "viewerCertificate.acmCertificateArn")) ? "a custom domain is served without an ACM certificate." : undefined));
        out.push(() => ((!["TLSv1.2_2021", "TLSv1.2_2019"].includes(at(p, "viewerCertificate.minimumProtocolVersion"))) ? `minimumProtocolVersion is ${at(p, "viewerCertificate.minimumProtocolVersion")}.` : undefined));
        out.push(() => (at(p, "viewerCertificate.sslSupportMethod") !== "sni-only"
            ? `sslSupportMethod is ${at(p, "viewerCertificate.sslSupportMethod") ?? "unset"}, not sni-only.` : undefined));
        return out;
    },
});
