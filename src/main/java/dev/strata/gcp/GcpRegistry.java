package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.artifactregistry.Repository;
import com.pulumi.gcp.artifactregistry.RepositoryArgs;
import com.pulumi.gcp.artifactregistry.RepositoryIamMember;
import com.pulumi.gcp.artifactregistry.RepositoryIamMemberArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyConditionArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryCleanupPolicyMostRecentVersionsArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryDockerConfigArgs;
import com.pulumi.gcp.iam.WorkloadIdentityPool;
import com.pulumi.gcp.iam.WorkloadIdentityPoolArgs;
import com.pulumi.gcp.iam.WorkloadIdentityPoolProvider;
import com.pulumi.gcp.iam.WorkloadIdentityPoolProviderArgs;
import com.pulumi.gcp.iam.inputs.WorkloadIdentityPoolProviderOidcArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.projects.inputs.IAMMemberConditionArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.platform.ResourceOpts;

import java.util.Map;
import java.util.Optional;

/**
 * The image registry and, when a GitHub repository is configured, the identity CI deploys with. An
 * Artifact Registry Docker repository with immutable tags, encrypted with the data key, a cleanup policy
 * (the 10 most recent images kept, others deleted after 90 days) and vulnerability scanning (the Container
 * Scanning API, enabled by {@link GcpServices}, scans every pushed image). Workload Identity Federation for
 * GitHub Actions: a pool and an OIDC provider whose attribute condition admits one repository and one
 * branch only, pinned by GitHub's numeric repository and owner ids, and a deploy service account they may
 * impersonate, allowed to push to this repository and to read the stack's one cluster (Kubernetes RBAC in
 * the namespace decides the rest).
 */
public final class GcpRegistry extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpRegistry";

    /**
     * @param ci          the GitHub repository, branch and GitHub's numeric ids of repository and owner
     * @param clusterName the one cluster the deployer may read (get credentials for)
     */
    record Args(GcpProject project, Output<String> dataKey, dev.strata.config.CiConfig ci,
                Output<String> clusterName) {
    }

    /** Images kept whatever their age: the most recent ones (what runs, and what a rollback needs). */
    static final int KEEP_RECENT = 10;
    /** Older images are deleted after 90 days. */
    static final String DELETE_AFTER = "7776000s";

    private final Repository repository;
    private final Optional<Account> deployer;

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

        var ci = args.ci();
        this.deployer = ci.githubRepo().map(repo -> {
            String repoId = ci.githubRepoId().orElseThrow(() -> new IllegalArgumentException(
                    "ciGithubRepoId is required with ciGithubRepo on gcp"));
            String ownerId = ci.githubOwnerId().orElseThrow(() -> new IllegalArgumentException(
                    "ciGithubOwnerId is required with ciGithubRepo on gcp"));
            var pool = new WorkloadIdentityPool(name + "-ci", WorkloadIdentityPoolArgs.builder()
                    .workloadIdentityPoolId(shortId(name, "ci")).displayName("CI of " + name).build(), child);
            new WorkloadIdentityPoolProvider(name + "-github", WorkloadIdentityPoolProviderArgs.builder()
                    .workloadIdentityPoolId(pool.workloadIdentityPoolId())
                    .workloadIdentityPoolProviderId("github")
                    .attributeMapping(Map.of("google.subject", "assertion.sub",
                            "attribute.repository", "assertion.repository", "attribute.ref", "assertion.ref",
                            "attribute.repository_id", "assertion.repository_id",
                            "attribute.repository_owner_id", "assertion.repository_owner_id"))
                    .attributeCondition(attributeCondition(repo, repoId, ownerId, ci.githubBranch()))
                    .oidc(WorkloadIdentityPoolProviderOidcArgs.builder()
                            .issuerUri("https://token.actions.githubusercontent.com").build())
                    .build(), child);
            var sa = new Account(name + "-deployer", AccountArgs.builder()
                    .accountId(GcpCluster.nodeAccountId(name).replace("-nodes", "-ci"))
                    .displayName("CI deploys from " + repo).build(), child);
            new com.pulumi.gcp.serviceaccount.IAMMember(name + "-deployer-federation",
                    com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder()
                            .serviceAccountId(sa.name())
                            .role("roles/iam.workloadIdentityUser")
                            .member(pool.name().applyValue(n -> "principalSet://iam.googleapis.com/" + n
                                    + "/attribute.repository_id/" + repoId))
                            .build(), child);
            new RepositoryIamMember(name + "-deployer-push", RepositoryIamMemberArgs.builder()
                    .location(p.region()).repository(repository.name()).role("roles/artifactregistry.writer")
                    .member(sa.email().applyValue(e -> "serviceAccount:" + e)).build(), child);
            // GKE has no per-cluster allow policy, but project bindings accept a condition on the cluster's
            // resource name (https://cloud.google.com/iam/docs/conditions-resource-attributes)
            new IAMMember(name + "-deployer-cluster", IAMMemberArgs.builder()
                    .project(p.projectId()).role("roles/container.clusterViewer")
                    .member(sa.email().applyValue(e -> "serviceAccount:" + e))
                    .condition(IAMMemberConditionArgs.builder().title("only the stack's cluster")
                            .expression(args.clusterName().applyValue(c -> clusterCondition(p.projectId(), p.region(), c)))
                            .build())
                    .build(), child);
            return sa;
        });
        registerOutputs(Map.of("repository", repository.id()));
    }

    /**
     * Pinned by GitHub's immutable numeric ids (and the name, which the policy pack checks): a name can be
     * re-registered by someone else after a rename or a deletion, an id cannot
     * (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect).
     */
    static String attributeCondition(String repo, String repoId, String ownerId, String branch) {
        return "assertion.repository_id == '" + repoId + "' && assertion.repository_owner_id == '" + ownerId
                + "' && assertion.repository == '" + repo + "' && assertion.ref == 'refs/heads/" + branch + "'";
    }

    static String clusterCondition(String project, String location, String cluster) {
        return "resource.name == 'projects/" + project + "/locations/" + location + "/clusters/" + cluster + "'";
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

    public Optional<Output<String>> deployerEmail() {
        return deployer.map(Account::email);
    }
}
