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
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image registry and, when a GitHub repository is configured, the two identities GitHub Actions uses through
 * OIDC. The ECR repository has immutable tags (a tag can never point at other bytes), scan on push, KMS encryption
 * and a lifecycle policy (untagged images expire after 7 days, the newest 50 tagged ones stay).
 *
 * <p>The <b>deploy</b> role is trusted only for jobs of the repository in the GitHub environment {@code <stack>}
 * (deploy-stack.yml), the <b>preview</b> role only for {@code preview-<stack>} (pull-request.yml); both under the
 * path {@link CiPolicies#PATH}. Their permissions are {@link CiPolicies}: deploy manages the stack (pushes images,
 * state, secrets key), preview reads the state and makes the program's lookups. Their ARNs are ready at creation;
 * the cluster grants them Kubernetes access ({@link AwsCluster}).
 */
public final class AwsRegistry extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsRegistry";
    static final String GITHUB_ISSUER = "https://" + Policies.GITHUB_ISSUER_HOST;

    /**
     * @param scope        account, stack, name prefix and cluster the CI identities are scoped to
     * @param githubRepo   {@code owner/name} allowed to deploy and preview, or empty for no CI identities
     * @param githubProviderArn the account's existing GitHub OIDC provider (looked up); empty means this stack
     *                          creates it ({@code ciGithubOidcProvider: create})
     */
    record Args(CiPolicies.Scope scope, Output<String> keyArn, Optional<String> githubRepo,
                Optional<String> githubProviderArn) {
    }

    /** The CI roles' ARNs. */
    public record CiRoles(Output<String> deploy, Output<String> preview) {
    }

    private final Repository repository;
    private final Optional<CiRoles> ciRoles;

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

        this.ciRoles = args.githubRepo().map(repo -> {
            // IAM allows one provider per issuer URL and account: a second stack creating it fails with
            // EntityAlreadyExists, so exactly one stack creates it and the others look it up. Its ARN is
            // arn:aws:iam::<account>:oidc-provider/<issuer host> either way, known before it exists, so the trust
            // policies are known in a preview too (where the policy pack can judge them); the roles wait for it.
            Optional<Resource> created = args.githubProviderArn().isPresent() ? Optional.empty()
                    : Optional.of(new OpenIdConnectProvider(name + "-github", OpenIdConnectProviderArgs.builder()
                            .url(GITHUB_ISSUER)
                            .clientIdLists("sts.amazonaws.com")
                            .build(), CustomResourceOptions.builder().parent(this).retainOnDelete(true).build()));
            String githubArn = args.githubProviderArn().orElse(githubProviderArn(args.scope().account()));
            String stack = args.scope().stack();
            var deploy = ciRole(name + "-deploy", githubArn, created, repo, stack, CiPolicies.DEPLOY_SESSION_SECONDS,
                    "CI: pulumi up of stack " + stack + " from " + repo, CiPolicies.deploy(args.scope()));
            var preview = ciRole(name + "-preview", githubArn, created, repo, "preview-" + stack,
                    CiPolicies.PREVIEW_SESSION_SECONDS,
                    "CI: pulumi preview of stack " + stack + " from pull requests of " + repo,
                    CiPolicies.preview(args.scope()));
            return new CiRoles(deploy.arn(), preview.arn());
        });
        registerOutputs(Map.of("repositoryUrl", repository.repositoryUrl()));
    }

    private Role ciRole(String name, String githubArn, Optional<Resource> provider, String repo, String environment,
                        int sessionSeconds, String description, Map<String, Object> permissions) {
        var child = ResourceOpts.child(this);
        var role = new Role(name, RoleArgs.builder()
                .path(CiPolicies.PATH)
                .description(description)
                .maxSessionDuration(sessionSeconds)
                .assumeRolePolicy(Policies.assumeRoleByGithub(githubArn, repo, environment))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(provider.map(List::of)
                        .orElse(List.of())).build());
        new RolePolicy(name, RolePolicyArgs.builder()
                .role(role.id())
                .policy(Policies.json(permissions))
                .build(), child);
        return role;
    }

    /** The ARN of the account's GitHub OIDC provider (IAM names providers by their issuer host). */
    static String githubProviderArn(AwsAccount account) {
        return "arn:aws:iam::" + account.accountId() + ":oidc-provider/" + Policies.GITHUB_ISSUER_HOST;
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

    public Output<String> repositoryUrl() {
        return repository.repositoryUrl();
    }

    /** The CI roles, when a GitHub repository is configured. */
    public Optional<CiRoles> ciRoles() {
        return ciRoles;
    }
}
