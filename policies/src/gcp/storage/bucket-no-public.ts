import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, rawAt } from "../../lib/props";

const PUBLIC = ["allUsers", "allAuthenticatedUsers"];

export const policy = resourcePolicy({
    name: "gcp-storage-bucket-no-public",
    description: "Buckets must never be public; set publicAccessPrevention enforced and uniformBucketLevelAccess true, and grant nothing to allUsers or allAuthenticatedUsers.",
    enforcementLevel: "mandatory",
    types: ["gcp:storage/bucket:Bucket", "gcp:storage/bucketIAMMember:BucketIAMMember",
        "gcp:storage/bucketIAMBinding:BucketIAMBinding"],
    check: (p, _ctx, r) => {
        if (r.type !== "gcp:storage/bucket:Bucket") {
            // raw: an unknown member is computed (an account), never the literal allUsers
            return [rawAt(p, "member"), ...asList(rawAt(p, "members"))].some((m) => PUBLIC.includes(m)) ? ["the bucket is granted to the public."] : [];
        }
        const out: Finding[] = [];
        out.push(() => ((p.publicAccessPrevention !== "enforced") ? "publicAccessPrevention is not enforced." : undefined));
        out.push(() => ((p.uniformBucketLevelAccess !== true) ? "uniformBucketLevelAccess is not true (object ACLs possible)." : undefined));
        return out;
    },
});
