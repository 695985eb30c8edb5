import { stackPolicy } from "../../lib/policy";
import { buckets, configOf } from "./buckets";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const policy = stackPolicy({
    name: "aws-s3-bucket-public-access-block",
    description: "Every bucket must block all public access; add an aws.s3.BucketPublicAccessBlock with the four flags true for it.",
    enforcementLevel: "mandatory",
    check: (resources) => buckets(resources).map((b) => () => {
        const blocks = configOf(resources, b, ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"]);
        return blocks.some((pab) => FLAGS.every((f) => pab.props[f] === true)) ? undefined
            : { urn: b.urn, message: `bucket ${b.name} has no complete public access block.` };
    }),
});
