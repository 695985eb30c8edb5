import { PolicyResource } from "@pulumi/policy";
import { stackPolicy, StackFindings } from "../../lib/policy";
import { asList, isUnknown, rawAt, refs } from "../../lib/props";

/**
 * Cloud KMS keys must live where the data they protect lives, or the API refuses the resource:
 * - Cloud Storage: "the key must be in the same location as the bucket" (cloud.google.com/storage/docs/
 *   encryption/customer-managed-keys#key-location; a multi-region bucket "US" needs a key in "us");
 * - Cloud SQL: the key's region is the instance's region (cloud.google.com/sql/docs/postgres/cmek);
 * - GKE application-layer secrets encryption: key in the cluster's region (cloud.google.com/kubernetes-engine/
 *   docs/how-to/encrypting-secrets: "the key must be in the same location as the cluster");
 * - Artifact Registry: key in the repository's location (cloud.google.com/artifact-registry/docs/cmek);
 * - Secret Manager: automatic replication needs a key in "global", each user-managed replica a key in the
 *   replica's location (cloud.google.com/secret-manager/docs/cmek).
 * The key is found through the input's property dependency (CryptoKey -> KeyRing.location) or, for a
 * literal key name, from its "locations/<l>" segment. Unknown locations are not decided.
 */
export const policy = stackPolicy({
    name: "gcp-kms-key-location-matches-resource",
    description: "Customer-managed keys must be in the location of what they encrypt (bucket location, Cloud SQL and GKE region, repository location, \"global\" for Secret Manager automatic replication, the replica's location otherwise); place the key ring in that location.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const rings = new Map(resources.filter((r) => r.type === "gcp:kms/keyRing:KeyRing").map((r) => [r.urn, r]));
        const keys = resources.filter((r) => r.type === "gcp:kms/cryptoKey:CryptoKey");
        /** Locations of the keys input `input` of r uses (literal name, or the referenced keys' rings). */
        const keyLocations = (r: PolicyResource, input: string, literal: any): (string | undefined)[] => {
            if (typeof literal === "string" && !isUnknown(literal)) {
                const m = /\/locations\/([^/]+)\//.exec(literal);
                if (m) {
                    return [m[1].toLowerCase()];
                }
            }
            const used = refs(r, input).filter((k) => keys.some((x) => x.urn === k.urn));
            return used.map((k) => {
                const ring = refs(k, "keyRing").map((x) => rings.get(x.urn)).find((x) => x);
                const loc = ring ? rawAt(ring.props, "location") : /\/locations\/([^/]+)\//.exec(String(rawAt(k.props, "keyRing") ?? ""))?.[1];
                return typeof loc === "string" && !isUnknown(loc) ? loc.toLowerCase() : undefined;
            });
        };
        const out: StackFindings = [];
        const mismatch = (r: PolicyResource, what: string, want: any, input: string, literal: any) => {
            if (literal === undefined || literal === null || typeof want !== "string" || isUnknown(want)) {
                return undefined;
            }
            const found = keyLocations(r, input, literal).filter((l): l is string => !!l);
            const wanted = want.toLowerCase();
            return found.length > 0 && !found.includes(wanted)
                ? { urn: r.urn, message: `${what} ${r.name} is in ${wanted} but its key is in ${found.join(", ")}.` } : undefined;
        };
        const region = (loc: any) => (typeof loc === "string" && /^[a-z]+-[a-z]+\d+-[a-z]$/.test(loc) ? loc.replace(/-[a-z]$/, "") : loc);
        const providerRegion = (r: PolicyResource) => r.provider?.props ? rawAt(r.provider.props, "region") : undefined;
        for (const r of resources) {
            switch (r.type) {
                case "gcp:storage/bucket:Bucket":
                    out.push(mismatch(r, "bucket", rawAt(r.props, "location"), "encryption", rawAt(r.props, "encryption.defaultKmsKeyName")));
                    break;
                case "gcp:sql/databaseInstance:DatabaseInstance":
                    out.push(mismatch(r, "Cloud SQL instance", rawAt(r.props, "region") ?? providerRegion(r), "encryptionKeyName", rawAt(r.props, "encryptionKeyName")));
                    break;
                case "gcp:container/cluster:Cluster":
                    out.push(mismatch(r, "cluster", region(rawAt(r.props, "location") ?? providerRegion(r)), "databaseEncryption", rawAt(r.props, "databaseEncryption.keyName")));
                    break;
                case "gcp:artifactregistry/repository:Repository":
                    out.push(mismatch(r, "repository", rawAt(r.props, "location") ?? providerRegion(r), "kmsKeyName", rawAt(r.props, "kmsKeyName")));
                    break;
                case "gcp:secretmanager/secret:Secret": {
                    const auto = rawAt(r.props, "replication.auto.customerManagedEncryption.kmsKeyName");
                    out.push(mismatch(r, "automatically replicated secret", "global", "replication", auto));
                    const replicas = asList(rawAt(r.props, "replication.userManaged.replicas"));
                    for (const rep of replicas) {
                        out.push(mismatch(r, `secret replica (${rep?.location})`, rep?.location, "replication", rep?.customerManagedEncryption?.kmsKeyName));
                    }
                    break;
                }
            }
        }
        return out;
    },
});
