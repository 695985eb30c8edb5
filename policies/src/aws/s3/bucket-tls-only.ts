import { stackPolicy } from "../../lib/policy";
import { asList, json } from "../../lib/props";

export const policy = stackPolicy({
    name: "aws-s3-bucket-tls-only",
    description: "Buckets should refuse plain-HTTP access; add a bucket policy denying all actions when aws:SecureTransport is false.",
    enforcementLevel: "advisory",
    check: (resources) => {
        const tlsOnly = resources.filter((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy"
            && asList(json(r.props.policy)?.Statement).some((s: any) => s.Effect === "Deny"
                && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false"));
        return resources.filter((r) => r.type === "aws:s3/bucketV2:BucketV2")
            .filter((b) => !tlsOnly.some((p) => p.props.bucket === b.props.id))
            .map((b) => ({ urn: b.urn, message: `bucket ${b.name} accepts plain HTTP.` }));
    },
});
