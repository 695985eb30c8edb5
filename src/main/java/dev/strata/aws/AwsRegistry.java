package dev.strata.aws;

import dev.strata.platform.ResourceOpts;
import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image registry and, when a GitHub repository is configured, the identity CI deploys with.
 * The ECR repository has immutable tags (a tag can never point at other bytes), scan on push, KMS
 * encryption and a lifecycle policy (untagged images expire after 7 days, the newest 50 tagged ones
 * stay). The CI role trusts GitHub's OIDC issuer for one repository and one branch only, and may push
 * to this repository and describe this stack's cluster, nothing else.
 */
public final class AwsRegistry extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsRegistry";
    static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

    /**
     * @param clusterName  the physical name of the stack's EKS cluster (the CI role may describe it)
     * @param githubRepo   {@code owner/name} allowed to deploy, or empty for no CI identity
     * @param githubBranch the branch allowed to deploy
     * @param githubProviderArn the account's existing GitHub OIDC provider (looked up); empty means this stack
     *                          creates it ({@code ciGithubOidcProvider: create})
     */
    record Args(AwsAccount account, Output<String> keyArn, String clusterName, Optional<String> githubRepo,
                String githubBranch, Optional<String> githubProviderArn) {
    }

    private final Repository repository;
    private final Optional<Role> ciRole;

    AwsRegistry(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        this.repository = new Repository(name + "-counter", RepositoryArgs.builder()
                .imageTagMutability("IMMUTABLE")
                .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder().scanOnPush(true).build())
                .encryptionConfigurations(RepositoryEncryptionConfigurationArgs.builder()
                        .encryptionType("KMS").kmsKey(args.keyArn()).build())
                .forceDelete(false)
                .build(), child);
        new LifecyclePolicy(name + "-counter", LifecyclePolicyArgs.builder()
                .repository(repository.name())
                .policy(Policies.json(lifecyclePolicy()))
                .build(), child);

        this.ciRole = args.githubRepo().map(repo -> {
            // IAM allows one provider per issuer URL and account: a second stack creating it fails with
            // EntityAlreadyExists, so exactly one stack creates it and the others look it up
            Output<String> githubArn = args.githubProviderArn().map(Output::of).orElseGet(() ->
                    new OpenIdConnectProvider(name + "-github", OpenIdConnectProviderArgs.builder()
                            .url(GITHUB_ISSUER)
                            .clientIdLists("sts.amazonaws.com")
                            .build(), CustomResourceOptions.builder().parent(this).retainOnDelete(true).build())
                            .arn());
            var role = new Role(name + "-ci", RoleArgs.builder()
                    .description("CI deploys from " + repo + "@" + args.githubBranch())
                    .maxSessionDuration(3600)
                    .assumeRolePolicy(githubArn.applyValue(arn -> Policies.assumeRoleByGithub(arn, repo,
                            args.githubBranch())))
                    .build(), child);
            new RolePolicy(name + "-ci", RolePolicyArgs.builder()
                    .role(role.id())
                    .policy(repository.arn().applyValue(repoArn -> Policies.json(ciPolicy(args.account(), repoArn,
                            args.clusterName()))))
                    .build(), child);
            return role;
        });
        registerOutputs(Map.of("repositoryUrl", repository.repositoryUrl()));
    }

    static Map<String, Object> lifecyclePolicy() {
        return Map.of("rules", List.of(
                Map.of("rulePriority", 1, "description", "expire untagged images after 7 days",
                        "selection", Map.of("tagStatus", "untagged", "countType", "sinceImagePushed",
                                "countUnit", "days", "countNumber", 7),
                        "action", Map.of("type", "expire")),
                Map.of("rulePriority", 2, "description", "keep the newest 50 tagged images",
                        "selection", Map.of("tagStatus", "any", "countType", "imageCountMoreThan", "countNumber", 50),
                        "action", Map.of("type", "expire"))));
    }

    static Map<String, Object> ciPolicy(AwsAccount account, String repositoryArn, String clusterName) {
        return Policies.document(List.of(
                // GetAuthorizationToken has no resource-level permission
                Policies.allow("RegistryLogin", List.of("ecr:GetAuthorizationToken"), List.of("*")),
                Policies.allow("PushThisRepository", List.of("ecr:BatchCheckLayerAvailability",
                        "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:DescribeImages",
                        "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"), List.of(repositoryArn)),
                Policies.allow("DescribeThisCluster", List.of("eks:DescribeCluster"),
                        List.of(account.arn("eks", "cluster/" + clusterName)))));
    }

    public Output<String> repositoryUrl() {
        return repository.repositoryUrl();
    }

    /** The role CI assumes, when a GitHub repository is configured. */
    public Optional<Output<String>> ciRoleArn() {
        return ciRole.map(Role::arn);
    }
}
