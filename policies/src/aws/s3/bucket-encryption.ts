import { stackPolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";
import { buckets, configOf } from "./buckets";

const ALGORITHMS = ["aws:kms", "AES256", "aws:kms:dsse"];
const SSE = ["aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"];

/** Legacy aws:s3/bucket:Bucket may carry serverSideEncryptionConfiguration inline; BucketV2 needs the sub-resource. */
export const policy = stackPolicy({
    name: "aws-s3-bucket-encryption",
    description: "Every bucket must declare default server-side encryption; add an aws.s3.BucketServerSideEncryptionConfigurationV2 (aws:kms with the stack's key where the writer supports it), or set serverSideEncryptionConfiguration on a legacy Bucket.",
    enforcementLevel: "mandatory",
    check: (resources) => buckets(resources).map((b) => () => {
        const inline = at(b.props, "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm");
        const ok = ALGORITHMS.includes(inline) || configOf(resources, b, SSE).some((c) => asList(c.props.rules)
            .some((rule) => ALGORITHMS.includes(at(rule, "applyServerSideEncryptionByDefault.sseAlgorithm"))));
        return ok ? undefined : { urn: b.urn, message: `bucket ${b.name} has no default encryption.` };
    }),
});
