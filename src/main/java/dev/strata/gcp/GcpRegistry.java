package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.artifactregistry.Repository;
import com.pulumi.gcp.artifactregistry.RepositoryArgs;
import com.pulumi.gcp.artifactregistry.RepositoryIamMember;
import com.pulumi.gcp.artifactregistry.RepositoryIamMemberArgs;
import com.pulumi.gcp.artifactregistry.inputs.RepositoryDockerConfigArgs;
import com.pulumi.gcp.iam.WorkloadIdentityPool;
import com.pulumi.gcp.iam.WorkloadIdentityPoolArgs;
import com.pulumi.gcp.iam.WorkloadIdentityPoolProvider;
import com.pulumi.gcp.iam.WorkloadIdentityPoolProviderArgs;
import com.pulumi.gcp.iam.inputs.WorkloadIdentityPoolProviderOidcArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.platform.ResourceOpts;

import java.util.Map;
import java.util.Optional;

/**
 * The image registry and, when a GitHub repository is configured, the identity CI deploys with. An
 * Artifact Registry Docker repository with immutable tags, encrypted with the data key. Workload Identity
 * Federation for GitHub Actions: a pool and an OIDC provider whose attribute condition admits one
 * repository and one branch only, and a deploy service account they may impersonate, allowed to push to
 * this repository and to read the cluster (Kubernetes RBAC in the namespace decides the rest).
 */
public final class GcpRegistry extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpRegistry";

    record Args(GcpProject project, Output<String> dataKey, Optional<String> githubRepo, String githubBranch) {
    }

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
                .build(), child);

        this.deployer = args.githubRepo().map(repo -> {
            var pool = new WorkloadIdentityPool(name + "-ci", WorkloadIdentityPoolArgs.builder()
                    .workloadIdentityPoolId(shortId(name, "ci")).displayName("CI of " + name).build(), child);
            new WorkloadIdentityPoolProvider(name + "-github", WorkloadIdentityPoolProviderArgs.builder()
                    .workloadIdentityPoolId(pool.workloadIdentityPoolId())
                    .workloadIdentityPoolProviderId("github")
                    .attributeMapping(Map.of("google.subject", "assertion.sub",
                            "attribute.repository", "assertion.repository", "attribute.ref", "assertion.ref"))
                    .attributeCondition(attributeCondition(repo, args.githubBranch()))
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
                                    + "/attribute.repository/" + repo))
                            .build(), child);
            new RepositoryIamMember(name + "-deployer-push", RepositoryIamMemberArgs.builder()
                    .location(p.region()).repository(repository.name()).role("roles/artifactregistry.writer")
                    .member(sa.email().applyValue(e -> "serviceAccount:" + e)).build(), child);
            new IAMMember(name + "-deployer-cluster", IAMMemberArgs.builder()
                    .project(p.projectId()).role("roles/container.clusterViewer")
                    .member(sa.email().applyValue(e -> "serviceAccount:" + e)).build(), child);
            return sa;
        });
        registerOutputs(Map.of("repository", repository.id()));
    }

    static String attributeCondition(String repo, String branch) {
        return "assertion.repository == '" + repo + "' && assertion.ref == 'refs/heads/" + branch + "'";
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
