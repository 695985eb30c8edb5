import { stackPolicy } from "../../lib/policy";
import { asList, json } from "../../lib/props";
import { buckets, configOf } from "./buckets";

const denyPlainHttp = (policy: any) => asList(json(policy)?.Statement).some((s: any) => s.Effect === "Deny"
    && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");

export const policy = stackPolicy({
    name: "aws-s3-bucket-tls-only",
    description: "Buckets should refuse plain-HTTP access; add a bucket policy (aws.s3.BucketPolicy, or policy on a legacy Bucket) denying all actions when aws:SecureTransport is false.",
    enforcementLevel: "advisory",
    check: (resources) => buckets(resources).map((b) => () => {
        const ok = (b.type === "aws:s3/bucket:Bucket" && b.props.policy !== undefined && denyPlainHttp(b.props.policy))
            || configOf(resources, b, ["aws:s3/bucketPolicy:BucketPolicy"]).some((p) => denyPlainHttp(p.props.policy));
        return ok ? undefined : { urn: b.urn, message: `bucket ${b.name} accepts plain HTTP.` };
    }),
});
