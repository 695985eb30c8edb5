import { stackPolicy } from "../../lib/policy";

const BUCKETS = ["aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"];
const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const policy = stackPolicy({
    name: "aws-s3-bucket-public-access-block",
    description: "Every bucket must block all public access; add an aws.s3.BucketPublicAccessBlock with the four flags true for it.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const blocks = resources.filter((r) => r.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
            && FLAGS.every((f) => r.props[f] === true));
        return resources.filter((r) => BUCKETS.includes(r.type))
            .filter((b) => !blocks.some((pab) => pab.props.bucket === b.props.id || pab.props.bucket === b.props.bucket))
            .map((b) => ({ urn: b.urn, message: `bucket ${b.name} has no complete public access block.` }));
    },
});
