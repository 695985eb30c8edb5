import { stackPolicy } from "../../lib/policy";
import { asList, rawAt, refs } from "../../lib/props";
import { buckets, configOf } from "./buckets";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEES = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

/**
 * ACLs are off (objectOwnership BucketOwnerEnforced, CKV2_AWS_65) except on a bucket CloudFront standard logs
 * write to, which needs ACLs (BucketOwnerPreferred; docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/
 * standard-logging-legacy-s3.html); and no ACL grants the public (canned public-read*, authenticated-read, or
 * grants to AllUsers / AuthenticatedUsers).
 */
export const policy = stackPolicy({
    name: "aws-s3-bucket-ownership-no-public-acl",
    description: "Buckets must disable ACLs (an aws.s3.BucketOwnershipControls with objectOwnership BucketOwnerEnforced; BucketOwnerPreferred only for a CloudFront log bucket) and grant nothing to the public by ACL; remove public-read ACLs.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const logTargets = new Set(resources.filter((r) => r.type === "aws:cloudfront/distribution:Distribution")
            .flatMap((d) => refs(d, "loggingConfig")).map((b) => b.urn));
        return buckets(resources).map((b) => () => {
            const out = [];
            const ownership = configOf(resources, b, ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"])
                .map((c) => rawAt(c.props, "rule.objectOwnership"));
            const allowed = logTargets.has(b.urn) ? ["BucketOwnerEnforced", "BucketOwnerPreferred"] : ["BucketOwnerEnforced"];
            if (!ownership.some((o) => allowed.includes(o))) {
                out.push({ urn: b.urn, message: `bucket ${b.name} has no ownership controls of ${allowed.join(" or ")}.` });
            }
            const acls = [rawAt(b.props, "acl"), ...configOf(resources, b, ["aws:s3/bucketAclV2:BucketAclV2"]).flatMap((a) => [rawAt(a.props, "acl"),
                ...asList(rawAt(a.props, "accessControlPolicy.grants")).map((g: any) => g?.grantee?.uri)])];
            if (acls.some((a) => PUBLIC_ACLS.includes(a) || PUBLIC_GRANTEES.includes(a))) {
                out.push({ urn: b.urn, message: `bucket ${b.name} has a public ACL.` });
            }
            return out;
        });
    },
});
