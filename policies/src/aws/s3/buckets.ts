// The S3 buckets of a stack and the aws 6.x sub-resources that configure them, joined through the
// sub-resource's `bucket` input (its property dependency on the bucket's URN), never through ids.
import { PolicyResource } from "@pulumi/policy";
import { refersTo } from "../../lib/props";

/** The bucket types: the aws 6.x BucketV2 and the legacy Bucket (which may also configure itself inline). */
export const BUCKETS = ["aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"];

export function buckets(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter((r) => BUCKETS.includes(r.type));
}

/** Sub-resources of `type` whose `bucket` input refers to the bucket. */
export function configOf(resources: PolicyResource[], bucket: PolicyResource, types: string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type) && refersTo(r, "bucket", bucket));
}
