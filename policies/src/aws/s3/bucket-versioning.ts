import { stackPolicy } from "../../lib/policy";
import { at } from "../../lib/props";
import { buckets, configOf } from "./buckets";

const VERSIONING = ["aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketVersioning:BucketVersioning"];

export const policy = stackPolicy({
    name: "aws-s3-bucket-versioning",
    description: "Every bucket must keep versions so an overwrite or delete can be undone; add an aws.s3.BucketVersioningV2 with status Enabled (or set versioning.enabled on a legacy Bucket).",
    enforcementLevel: "mandatory",
    check: (resources) => buckets(resources).map((b) => () => {
        const ok = at(b.props, "versioning.enabled") === true || configOf(resources, b, VERSIONING)
            .some((v) => at(v.props, "versioningConfiguration.status") === "Enabled");
        return ok ? undefined : { urn: b.urn, message: `bucket ${b.name} is not versioned.` };
    }),
});
