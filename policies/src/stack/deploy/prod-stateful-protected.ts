import { resourcePolicy } from "../../lib/policy";

/** Resources whose deletion loses data or makes data unreadable (keys). */
export const STATEFUL = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:kms/key:Key", "aws:s3/bucketV2:BucketV2",
    "aws:s3/bucket:Bucket", "aws:backup/vault:Vault", "aws:secretsmanager/secret:Secret", "gcp:sql/databaseInstance:DatabaseInstance",
    "gcp:kms/cryptoKey:CryptoKey", "gcp:kms/keyRing:KeyRing", "gcp:storage/bucket:Bucket", "gcp:secretmanager/secret:Secret"];

/** The engine refuses to delete or replace a protected resource (pulumi.com/docs/iac/concepts/options/protect). */
export const policy = resourcePolicy({
    name: "stack-prod-stateful-protected",
    description: "In prod stacks, stateful resources (databases, keys, buckets, backup vaults, secrets) must set the protect resource option so no update or destroy can delete them.",
    enforcementLevel: "mandatory",
    types: STATEFUL,
    check: (_p, ctx, r) => (ctx.prod && r.opts?.protect !== true ? `${r.type.split(":").pop()} ${r.name} is not protected in a prod stack.` : undefined),
});
