package dev.strata.aws;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An S3 bucket the way every bucket of the stack is made: all public access blocked, encrypted at rest
 * (KMS when a key is given; SSE-S3 where the writing service cannot use KMS), versioned, objects expiring
 * after {@code expireDays} (old versions 30 days later), TLS-only access enforced by the bucket policy.
 * Created as children of the calling component; protected and retained in prod.
 */
final class SecureBucket {
    private SecureBucket() {
    }

    /**
     * @param objectOwnership {@code BucketOwnerEnforced} (no ACLs), or {@code BucketOwnerPreferred} for a
     *                        writer that still needs ACLs (CloudFront standard logs)
     */
    static BucketV2 create(Resource parent, String name, Optional<Output<String>> kmsKeyArn, int expireDays,
                           String objectOwnership, boolean prod) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        var bucket = new BucketV2(name, BucketV2Args.builder().forceDestroy(!prod).build(),
                CustomResourceOptions.builder().parent(parent).protect(prod).retainOnDelete(prod).build());
        var block = new BucketPublicAccessBlock(name, BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)
                .build(), child);
        new BucketOwnershipControls(name, BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership(objectOwnership).build())
                .build(), child);
        var byDefault = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder();
        kmsKeyArn.ifPresentOrElse(k -> byDefault.sseAlgorithm("aws:kms").kmsMasterKeyId(k),
                () -> byDefault.sseAlgorithm("AES256"));
        new BucketServerSideEncryptionConfigurationV2(name, BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(byDefault.build())
                        .bucketKeyEnabled(kmsKeyArn.isPresent())
                        .build())
                .build(), child);
        new BucketVersioningV2(name, BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs
                        .builder().status("Enabled").build())
                .build(), child);
        new BucketLifecycleConfigurationV2(name, BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(expireDays).build())
                        .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs
                                .builder().noncurrentDays(30).build())
                        .build())
                .build(), child);
        new BucketPolicy(name, BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(bucket.arn().applyValue(arn -> Policies.json(tlsOnly(arn))))
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(block).build());
        return bucket;
    }

    static Map<String, Object> tlsOnly(String bucketArn) {
        return Policies.document(List.of(Map.of(
                "Sid", "DenyInsecureTransport",
                "Effect", "Deny",
                "Principal", "*",
                "Action", List.of("s3:*"),
                "Resource", List.of(bucketArn, bucketArn + "/*"),
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))));
    }
}
