import { stackPolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";

export const policy = stackPolicy({
    name: "aws-s3-bucket-encryption",
    description: "Every bucket must declare default server-side encryption; add an aws.s3.BucketServerSideEncryptionConfigurationV2 (aws:kms with the stack's key where the writer supports it).",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const configs = resources.filter((r) =>
            r.type === "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
            && asList(r.props.rules).some((rule) => ["aws:kms", "AES256", "aws:kms:dsse"]
                .includes(at(rule, "applyServerSideEncryptionByDefault.sseAlgorithm"))));
        return resources.filter((r) => r.type === "aws:s3/bucketV2:BucketV2")
            .filter((b) => !configs.some((c) => c.props.bucket === b.props.id))
            .map((b) => ({ urn: b.urn, message: `bucket ${b.name} has no default encryption.` }));
    },
});
