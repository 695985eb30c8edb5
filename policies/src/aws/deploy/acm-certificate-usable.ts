import { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/policy";
import { rawAt, refs } from "../../lib/props";

const CERT = "aws:acm/certificate:Certificate";
const VALIDATION = "aws:acm/certificateValidation:CertificateValidation";

/**
 * An ACM certificate with DNS validation stays PENDING_VALIDATION until its CNAME exists; a stack must
 * create the validation (aws.acm.CertificateValidation with the records) and use the validated ARN, or
 * CloudFront refuses the distribution. CloudFront only takes certificates from us-east-1
 * (docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html).
 */
export const policy = stackPolicy({
    name: "aws-acm-certificate-validated-and-usable",
    description: "DNS-validated ACM certificates must be validated in the stack (an aws.acm.CertificateValidation whose certificateArn is the certificate) and CloudFront must use the validation's ARN and a certificate from us-east-1.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const validations = resources.filter((r) => r.type === VALIDATION);
        const validated = (cert: PolicyResource) => validations.some((v) => refs(v, "certificateArn").some((c) => c.urn === cert.urn));
        const out: any[] = resources.filter((r) => r.type === CERT).map((cert) => () =>
            (rawAt(cert.props, "validationMethod") === "DNS" && !validated(cert)
                ? { urn: cert.urn, message: `certificate ${cert.name} is DNS-validated but nothing validates it.` } : undefined));
        for (const cdn of resources.filter((r) => r.type === "aws:cloudfront/distribution:Distribution")) {
            for (const used of refs(cdn, "viewerCertificate")) {
                out.push(() => {
                    if (used.type === CERT) {
                        const region = rawAt(used.provider?.props, "region");
                        return [
                            region !== undefined && region !== "us-east-1" ? { urn: cdn.urn, message: `distribution ${cdn.name} uses certificate ${used.name} from ${region}; CloudFront needs us-east-1.` } : undefined,
                            rawAt(used.props, "validationMethod") === "DNS" ? { urn: cdn.urn, message: `distribution ${cdn.name} uses certificate ${used.name} before it is validated; use the CertificateValidation's certificateArn.` } : undefined,
                        ].filter((x) => x);
                    }
                    return undefined;
                });
            }
        }
        return out;
    },
});
