package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.artifactregistry.Repository;
import com.pulumi.gcp.artifactregistry.RepositoryArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyConditionArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyMostRecentVersionsArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryDockerConfigArgs;
import com.pulumi.gcp.iam.WorkloadIdentityPool;
import com.pulumi.gcp.iam.WorkloadIdentityPoolArgs;
import com.pulumi.gcp.iam.WorkloadIdentityPoolProvider;
import com.pulumi.gcp.iam.WorkloadIdentityPoolProviderArgs;
import com.pulumi.gcp.iam.inputs.WorkloadIdentityPoolProviderOidcArgs;
import com.pulumi.gcp.kms.CryptoKeyIAMMember;
import com.pulumi.gcp.kms.CryptoKeyIAMMemberArgs;
import com.pulumi.gcp.projects.IAMCustomRole;
import com.pulumi.gcp.projects.IAMCustomRoleArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.projects.inputs.IAMMemberConditionArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.platform.ResourceOpts;
import dev.strata.platform.StateBackend;

import java.util.Map;
import java.util.Optional;

/**
 * The image registry and, when a GitHub repository is configured, the identities GitHub Actions uses. An
 * Artifact Registry Docker repository with immutable tags, encrypted with the data key, a cleanup policy
 * (the 10 most recent images kept, others deleted after 90 days) and vulnerability scanning (the Container
 * Scanning API, enabled by {@link GcpServices}, scans every pushed image).
 *
 * <p>Workload Identity Federation for GitHub Actions: a pool and an OIDC provider that admit only the repository
 * (pinned by GitHub's numeric ids) and only its deploy and preview jobs ({@link GcpCiRoles#attributeCondition}); a
 * deploy service account only the subject {@code repo:<repo>:environment:<stack>} may impersonate, and a preview
 * service account only {@code repo:<repo>:environment:preview-<stack>} may. Their roles are {@link GcpCiRoles}; both
 * reach the stack's state bucket and secrets key (made by scripts/bootstrap). The provider's full name and the two
 * accounts are ready at creation ({@link #ci()}).
 */
public final class GcpRegistry extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpRegistry";

    /**
     * @param ci     the GitHub repository, deploy branch and GitHub's numeric ids of repository and owner
     * @param stack  the stack (GitHub environments {@code <stack>} and {@code preview-<stack>}, state names)
     * @param prefix the stack's name prefix (the backups' custom role a deploy may grant)
     */
    record Args(GcpProject project, Output<String> dataKey, dev.strata.config.CiConfig ci, String stack,
                String prefix) {
    }

    /** What the GitHub environments need: the provider's full name and the two service accounts. */
    public record CiIdentities(Output<String> provider, Output<String> deployServiceAccount,
                               Output<String> previewServiceAccount) {
    }

    /** storage.buckets.get and storage.objects.list on the state bucket. */
    static final String STATE_BUCKET_ROLE = "roles/storage.legacyBucketReader";

    /** Images kept whatever their age: the most recent ones (what runs, and what a rollback needs). */
    static final int KEEP_RECENT = 10;
    /** Older images are deleted after 90 days. */
    static final String DELETE_AFTER = "7776000s";

    private final Repository repository;
    private final Optional<CiIdentities> ci;

    GcpRegistry(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var p = args.project();
        this.repository = new Repository(name + "-images", RepositoryArgs.builder()
                .location(p.region()).repositoryId(name.replaceAll("[^a-z0-9-]", "-") + "-images")
                .format("DOCKER")
                .dockerConfig(RepositoryDockerConfigArgs.builder().immutableTags(true).build())
                .kmsKeyName(args.dataKey())
                .description("Images of " + name)
                // KEEP wins over DELETE (https://cloud.google.com/artifact-registry/docs/repositories/cleanup-policy)
                .cleanupPolicyDryRun(false)
                .cleanupPolicies(
                        RepositoryCleanupPolicyArgs.builder().id("keep-recent").action("KEEP")
                                .mostRecentVersions(RepositoryCleanupPolicyMostRecentVersionsArgs.builder()
                                        .keepCount(KEEP_RECENT).build()).build(),
                        RepositoryCleanupPolicyArgs.builder().id("delete-old").action("DELETE")
                                .condition(RepositoryCleanupPolicyConditionArgs.builder().tagState("ANY")
                                        .olderThan(DELETE_AFTER).build()).build())
                .build(), child);
        this.ci = args.ci().githubRepo().map(repo -> federation(name, args, repo));
        registerOutputs(Map.of("repository", repository.id()));
    }

    private CiIdentities federation(String name, Args args, String repo) {
        var child = ResourceOpts.child(this);
        var p = args.project();
        var ci = args.ci();
        String repoId = ci.githubRepoId().orElseThrow(() -> new IllegalArgumentException(
                "ciGithubRepoId is required with ciGithubRepo on gcp"));
        String ownerId = ci.githubOwnerId().orElseThrow(() -> new IllegalArgumentException(
                "ciGithubOwnerId is required with ciGithubRepo on gcp"));
        String deploySubject = GcpCiRoles.subject(repo, args.stack());
        String previewSubject = GcpCiRoles.subject(repo, "preview-" + args.stack());
        if (previewSubject.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > GcpCiRoles.MAX_SUBJECT) {
            throw new IllegalArgumentException("ciGithubRepo \"" + repo + "\": the subject " + previewSubject
                    + " exceeds the " + GcpCiRoles.MAX_SUBJECT + " bytes google.subject may hold");
        }
        var pool = new WorkloadIdentityPool(name + "-ci", WorkloadIdentityPoolArgs.builder()
                .workloadIdentityPoolId(shortId(name, "ci")).displayName(cut("CI of " + name, 32)).build(), child);
        var provider = new WorkloadIdentityPoolProvider(name + "-github", WorkloadIdentityPoolProviderArgs.builder()
                .workloadIdentityPoolId(pool.workloadIdentityPoolId())
                .workloadIdentityPoolProviderId("github")
                .attributeMapping(Map.of("google.subject", "assertion.sub",
                        "attribute.repository", "assertion.repository", "attribute.ref", "assertion.ref",
                        "attribute.environment", "assertion.environment",
                        "attribute.repository_id", "assertion.repository_id",
                        "attribute.repository_owner_id", "assertion.repository_owner_id"))
                .attributeCondition(GcpCiRoles.attributeCondition(repo, repoId, ownerId, args.stack(),
                        ci.githubBranch()))
                .oidc(WorkloadIdentityPoolProviderOidcArgs.builder()
                        .issuerUri("https://token.actions.githubusercontent.com").build())
                .build(), child);

        var deployer = federatedAccount(name + "-deployer", GcpCluster.nodeAccountId(name).replace("-nodes", "-ci"),
                "CI deploy of " + args.stack(), "pulumi up of stack " + args.stack() + " from " + repo, pool,
                deploySubject);
        var previewer = federatedAccount(name + "-previewer", accountId(name, "preview"),
                "CI preview of " + args.stack(), "pulumi preview of stack " + args.stack() + " from pull requests of "
                        + repo, pool, previewSubject);
        Output<String> deployMember = deployer.email().applyValue(e -> "serviceAccount:" + e);
        Output<String> previewMember = previewer.email().applyValue(e -> "serviceAccount:" + e);

        var delegation = GcpCiRoles.delegationCondition(GcpCiRoles.delegable(p.projectId(), args.prefix()));
        var notState = GcpCiRoles.stateExclusions(p.projectId(), p.region(), args.stack());
        for (String role : GcpCiRoles.deployRoles()) {
            var binding = IAMMemberArgs.builder().project(p.projectId()).role(role).member(deployMember);
            if (role.equals(GcpCiRoles.PROJECT_IAM_ADMIN)) {
                binding.condition(IAMMemberConditionArgs.builder().title("only the roles the stack grants")
                        .expression(delegation).build());
            } else if (notState.containsKey(role)) {
                binding.condition(IAMMemberConditionArgs.builder().title("not the state backend")
                        .expression(notState.get(role)).build());
            }
            new IAMMember(name + "-deployer-" + role.substring(role.indexOf('/') + 1), binding.build(), child);
        }
        var lookups = new IAMCustomRole(name + "-preview-lookups", IAMCustomRoleArgs.builder()
                .project(p.projectId())
                .roleId(name.replaceAll("[^A-Za-z0-9]", "_") + "_ci_lookups")
                .title(cut("Lookups of the program of " + name, 100))
                .permissions(GcpCiRoles.LOOKUP_PERMISSIONS)
                .build(), child);
        new IAMMember(name + "-previewer-lookups", IAMMemberArgs.builder().project(p.projectId())
                .role(lookups.name()).member(previewMember).build(), child);
        for (String role : GcpCiRoles.PREVIEW) {
            new IAMMember(name + "-previewer-" + role.substring(role.indexOf('/') + 1), IAMMemberArgs.builder()
                    .project(p.projectId()).role(role).member(previewMember).build(), child);
        }
        state(name + "-deployer", args, deployMember, "roles/storage.objectAdmin",
                "roles/cloudkms.cryptoKeyEncrypterDecrypter");
        state(name + "-previewer", args, previewMember, "roles/storage.objectViewer",
                "roles/cloudkms.cryptoKeyDecrypter");
        return new CiIdentities(provider.name(), deployer.email(), previewer.email());
    }

    /** A service account that exactly one GitHub subject of the pool may impersonate. */
    private Account federatedAccount(String name, String accountId, String displayName, String description,
                                     WorkloadIdentityPool pool, String subject) {
        var child = ResourceOpts.child(this);
        var sa = new Account(name, AccountArgs.builder().accountId(accountId).displayName(cut(displayName, 100))
                .description(cut(description, 256)).build(), child);
        new com.pulumi.gcp.serviceaccount.IAMMember(name + "-federation",
                com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder()
                        .serviceAccountId(sa.name())
                        .role("roles/iam.workloadIdentityUser")
                        .member(pool.name().applyValue(n -> principal(n, subject)))
                        .build(), child);
        return sa;
    }

    /**
     * The state bucket and the secrets key scripts/bootstrap made (not resources of this stack): the objects, and
     * the bucket's metadata, which `pulumi login gs://...` reads to check the bucket is accessible
     * (storage.buckets.get, in neither object role).
     */
    private void state(String name, Args args, Output<String> member, String objectRole, String keyRole) {
        var child = ResourceOpts.child(this);
        var p = args.project();
        String bucket = StateBackend.gcpBucket(args.stack(), p.projectId());
        new BucketIAMMember(name + "-state", BucketIAMMemberArgs.builder()
                .bucket(bucket).role(objectRole).member(member).build(), child);
        new BucketIAMMember(name + "-state-bucket", BucketIAMMemberArgs.builder()
                .bucket(bucket).role(STATE_BUCKET_ROLE).member(member).build(), child);
        new CryptoKeyIAMMember(name + "-secrets", CryptoKeyIAMMemberArgs.builder()
                .cryptoKeyId(StateBackend.gcpKey(args.stack(), p.projectId(), p.region())).role(keyRole).member(member)
                .build(), child);
    }

    /**
     * One federated identity by its exact subject (IAM principal identifiers: the pool's full name, with the
     * project number, then {@code /subject/<google.subject>}).
     */
    static String principal(String poolName, String subject) {
        return "principal://iam.googleapis.com/" + poolName + "/subject/" + subject;
    }

    /**
     * Display names and titles have limits the API enforces (pool display name 32, service account display name
     * 100 and description 256, custom role title 100 characters).
     */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** A service account id: 6-30 characters, {@code <name>-<suffix>} with the name cut to fit. */
    static String accountId(String name, String suffix) {
        String id = name.replaceAll("[^a-z0-9-]", "-");
        int room = 30 - suffix.length() - 1;
        return (id.length() > room ? id.substring(0, room) : id) + "-" + suffix;
    }

    static String shortId(String name, String suffix) {
        String id = name.replaceAll("[^a-z0-9-]", "-");
        return (id.length() > 28 - suffix.length() ? id.substring(0, 28 - suffix.length()) : id) + "-" + suffix;
    }

    /** {@code <region>-docker.pkg.dev/<project>/<repository>}. */
    public Output<String> repositoryUrl() {
        return Output.tuple(repository.location(), repository.project(), repository.repositoryId())
                .applyValue(t -> t.t1 + "-docker.pkg.dev/" + t.t2 + "/" + t.t3);
    }

    /** The CI identities, when a GitHub repository is configured. */
    public Optional<CiIdentities> ci() {
        return ci;
    }
}
