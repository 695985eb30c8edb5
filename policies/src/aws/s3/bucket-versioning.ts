import { stackPolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = stackPolicy({
    name: "aws-s3-bucket-versioning",
    description: "Every bucket must keep versions so an overwrite or delete can be undone; add an aws.s3.BucketVersioningV2 with status Enabled.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const versioned = resources.filter((r) => r.type === "aws:s3/bucketVersioningV2:BucketVersioningV2"
            && at(r.props, "versioningConfiguration.status") === "Enabled");
        return resources.filter((r) => r.type === "aws:s3/bucketV2:BucketV2")
            .filter((b) => !versioned.some((v) => v.props.bucket === b.props.id))
            .map((b) => ({ urn: b.urn, message: `bucket ${b.name} is not versioned.` }));
    },
});
