package dev.strata.gcp;

import dev.strata.support.Props;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpRegistryTest {

    private static MockRun.Recorded build(Optional<String> repo) {
        var ci = new dev.strata.config.CiConfig(repo, "main", repo.map(r -> "123456789"), repo.map(r -> "987654"));
        return MockRun.run(GcpFixture.dev(), ctx -> new GcpRegistry("reg", new GcpRegistry.Args(GcpFixture.PROJECT,
                GcpFixture.key("data"), ci, "dev", "strata-dev"), ComponentResourceOptions.Empty));
    }

    /** The claims of a GitHub Actions job of acme/strata (ids 123456789 / 987654). */
    private static Map<String, String> job(String environment, String ref, String event) {
        var claims = new java.util.HashMap<>(Map.of("repository", "acme/strata", "repository_id", "123456789",
                "repository_owner_id", "987654", "ref", ref, "event_name", event));
        if (environment != null) {
            claims.put("environment", environment);
        }
        return claims;
    }

    @Test
    void oldImagesAreCleanedUpButTheRecentOnesKept() {
        var repo = build(Optional.empty()).mocks().one("gcp:artifactregistry/repository:Repository").inputs;
        assertEquals(false, repo.get("cleanupPolicyDryRun"));
        var policies = Props.list(repo.get("cleanupPolicies")).stream().map(Props::map).toList();
        assertEquals(java.util.Set.of("KEEP", "DELETE"), policies.stream().map(p -> p.get("action"))
                .collect(java.util.stream.Collectors.toSet()));
        var keep = policies.stream().filter(p -> p.get("action").equals("KEEP")).findFirst().orElseThrow();
        assertEquals(GcpRegistry.KEEP_RECENT, Props.num(Props.map(keep.get("mostRecentVersions")).get("keepCount")));
        assertTrue(GcpServices.APIS.contains("containerscanning"), "vulnerability scanning of pushed images");
    }

    @Test
    void immutableEncryptedDockerRepository() {
        var m = build(Optional.empty()).mocks();
        var repo = m.one("gcp:artifactregistry/repository:Repository").inputs;
        assertEquals("DOCKER", repo.get("format"));
        assertEquals(true, Props.map(repo.get("dockerConfig")).get("immutableTags"));
        assertTrue(repo.get("kmsKeyName").toString().endsWith("cryptoKeys/data"));
        assertEquals(0, m.ofType("gcp:iam/workloadIdentityPool:WorkloadIdentityPool").size());
    }

    /**
     * The provider admits the deploy job (environment dev, on main) and the preview job (environment preview-dev,
     * a pull request), nothing else. The old condition (assertion.ref == 'refs/heads/main') refused every preview.
     */
    @Test
    void theProviderAdmitsTheDeployAndPreviewJobsOfTheRepositoryOnly() {
        var provider = build(Optional.of("acme/strata")).mocks()
                .one("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider").inputs;
        String condition = (String) provider.get("attributeCondition");
        assertTrue(Cel.admits(condition, job("dev", "refs/heads/main", "push")), condition);
        assertTrue(Cel.admits(condition, job("dev", "refs/heads/main", "workflow_dispatch")));
        assertTrue(Cel.admits(condition, job("preview-dev", "refs/pull/7/merge", "pull_request")));
        assertFalse(Cel.admits(condition, job("dev", "refs/heads/feature", "push")), "deploys only from main");
        assertFalse(Cel.admits(condition, job("preview-dev", "refs/heads/feature", "push")), "previews only of PRs");
        assertFalse(Cel.admits(condition, job(null, "refs/heads/main", "push")), "no environment, no token");
        assertFalse(Cel.admits(condition, job("prod", "refs/heads/main", "push")), "not another stack");
        var renamed = job("dev", "refs/heads/main", "push");
        renamed.put("repository_id", "555");
        assertFalse(Cel.admits(condition, renamed), "a re-registered name has another id");
        String old = "assertion.repository_id == '123456789' && assertion.repository_owner_id == '987654'"
                + " && assertion.repository == 'acme/strata' && assertion.ref == 'refs/heads/main'";
        assertFalse(Cel.admits(old, job("preview-dev", "refs/pull/7/merge", "pull_request")),
                "the evaluator reproduces why the old condition failed previews");
        assertEquals("assertion.environment", Props.map(provider.get("attributeMapping")).get("attribute.environment"));
        assertEquals("assertion.sub", Props.map(provider.get("attributeMapping")).get("google.subject"));
    }

    /** Each account may be impersonated by exactly one subject: deploy by environment dev, preview by preview-dev. */
    @Test
    void eachServiceAccountIsImpersonatedByExactlyOneSubject() {
        var m = build(Optional.of("acme/strata")).mocks();
        String deploy = m.inputs("gcp:serviceaccount/iAMMember:IAMMember", "reg-deployer-federation").get("member")
                .toString();
        String preview = m.inputs("gcp:serviceaccount/iAMMember:IAMMember", "reg-previewer-federation").get("member")
                .toString();
        assertTrue(deploy.startsWith("principal://iam.googleapis.com/") && deploy.contains("/workloadIdentityPools/"),
                deploy);
        assertTrue(deploy.endsWith("/subject/repo:acme/strata:environment:dev"), deploy);
        assertTrue(preview.endsWith("/subject/repo:acme/strata:environment:preview-dev"), preview);
        assertEquals("roles/iam.workloadIdentityUser",
                m.inputs("gcp:serviceaccount/iAMMember:IAMMember", "reg-previewer-federation").get("role"));
        assertEquals(2, m.ofType("gcp:serviceaccount/account:Account").size());
    }

    @Test
    void deployGetsTheServicesAdminRolesAndMayGrantOnlyTheStacksRoles() {
        var m = build(Optional.of("acme/strata")).mocks();
        var roles = new TreeSet<String>();
        String iamAdminCondition = null;
        for (var r : m.ofType("gcp:projects/iAMMember:IAMMember")) {
            if (r.name.startsWith("reg-deployer-")) {
                roles.add((String) r.inputs.get("role"));
                if (GcpCiRoles.PROJECT_IAM_ADMIN.equals(r.inputs.get("role"))) {
                    iamAdminCondition = (String) Props.map(r.inputs.get("condition")).get("expression");
                }
            }
        }
        assertEquals(new TreeSet<>(GcpCiRoles.deployRoles()), roles);
        assertTrue(roles.containsAll(Set.of("roles/artifactregistry.admin", "roles/container.admin",
                "roles/compute.admin")), "pushes images, manages the cluster's workloads and the network");
        assertFalse(roles.stream().anyMatch(r -> Set.of("roles/owner", "roles/editor", "roles/viewer").contains(r)));
        assertFalse(roles.contains("roles/iam.workloadIdentityPoolAdmin"), "a deploy must not rewrite its own trust");
        assertEquals("resource.name != 'projects/_/buckets/strata-dev-state-strata-dev-4711'"
                + " && !resource.name.startsWith('projects/_/buckets/strata-dev-state-strata-dev-4711/')",
                condition(m, "reg-deployer-storage.admin"), "storage admin cannot delete the state bucket");
        assertEquals("resource.name != 'projects/strata-dev-4711/locations/us-central1/keyRings/strata-state'"
                + " && !resource.name.startsWith('projects/strata-dev-4711/locations/us-central1/keyRings/strata-state/')",
                condition(m, "reg-deployer-cloudkms.admin"), "KMS admin cannot destroy the secrets key");
        assertEquals("api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly(["
                + "'roles/artifactregistry.reader', 'roles/cloudsql.client', 'roles/logging.logWriter', "
                + "'roles/monitoring.metricWriter', 'roles/monitoring.viewer', 'roles/stackdriver.resourceMetadata.writer', "
                + "'projects/strata-dev-4711/roles/strata_dev_backups_sql_export'])", iamAdminCondition);
    }

    private static Object condition(dev.strata.support.RecordingMocks m, String name) {
        return Props.map(m.inputs("gcp:projects/iAMMember:IAMMember", name).get("condition")).get("expression");
    }

    @Test
    void previewOnlyLooksUpReadsTheClusterTheStateAndDecrypts() {
        var m = build(Optional.of("acme/strata")).mocks();
        var lookups = m.one("gcp:projects/iAMCustomRole:IAMCustomRole").inputs;
        assertEquals(GcpCiRoles.LOOKUP_PERMISSIONS, lookups.get("permissions"));
        var roles = new TreeSet<String>();
        m.ofType("gcp:projects/iAMMember:IAMMember").stream().filter(r -> r.name.startsWith("reg-previewer-"))
                .forEach(r -> roles.add(String.valueOf(r.inputs.get("role"))));
        assertEquals(2, roles.size(), roles.toString());
        assertTrue(roles.contains("roles/container.viewer"));
        var bucket = m.inputs("gcp:storage/bucketIAMMember:BucketIAMMember", "reg-previewer-state");
        assertEquals("strata-dev-state-strata-dev-4711", bucket.get("bucket"));
        assertEquals("roles/storage.objectViewer", bucket.get("role"));
        assertEquals("roles/storage.legacyBucketReader", m.inputs("gcp:storage/bucketIAMMember:BucketIAMMember",
                "reg-previewer-state-bucket").get("role"), "pulumi login checks the bucket (storage.buckets.get)");
        assertEquals("roles/storage.legacyBucketReader", m.inputs("gcp:storage/bucketIAMMember:BucketIAMMember",
                "reg-deployer-state-bucket").get("role"), "storage admin is conditioned off the state bucket");
        var key = m.inputs("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "reg-previewer-secrets");
        assertEquals("projects/strata-dev-4711/locations/us-central1/keyRings/strata-state/cryptoKeys/dev-state",
                key.get("cryptoKeyId"));
        assertEquals("roles/cloudkms.cryptoKeyDecrypter", key.get("role"));
        assertEquals("roles/storage.objectAdmin",
                m.inputs("gcp:storage/bucketIAMMember:BucketIAMMember", "reg-deployer-state").get("role"));
        assertEquals("roles/cloudkms.cryptoKeyEncrypterDecrypter",
                m.inputs("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "reg-deployer-secrets").get("role"));
    }

    /** google.subject holds at most 127 bytes; a longer subject would make every token exchange fail. */
    @Test
    void aSubjectTooLongForGoogleSubjectIsRefusedNamingTheKey() {
        String longRepo = "acme/" + "r".repeat(120);
        var e = assertThrows(RuntimeException.class, () -> build(Optional.of(longRepo)));
        var cause = e;
        Throwable t = e;
        while (t != null && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        assertTrue(t != null && t.getMessage().contains("ciGithubRepo") && t.getMessage().contains("127"),
                String.valueOf(cause));
    }

    /** A long repository name must not push a display name past what the API accepts. */
    @Test
    void namesFitTheApisLimitsWithALongRepository() {
        var m = build(Optional.of("acme/" + "r".repeat(85))).mocks();
        for (var sa : m.ofType("gcp:serviceaccount/account:Account")) {
            assertTrue(sa.inputs.get("displayName").toString().length() <= 100, sa.name);
            assertTrue(sa.inputs.get("description").toString().length() <= 256, sa.name);
        }
        assertTrue(m.one("gcp:iam/workloadIdentityPool:WorkloadIdentityPool").inputs.get("displayName").toString()
                .length() <= 32);
        assertTrue(m.one("gcp:projects/iAMCustomRole:IAMCustomRole").inputs.get("title").toString().length() <= 100);
    }

    @Test
    void serviceAccountIdsFitTheirLimit() {
        assertEquals("strata-dev-registry-preview", GcpRegistry.accountId("strata-dev-registry", "preview"));
        String id = GcpRegistry.accountId("strata-a-very-long-stack-name-registry", "preview");
        assertTrue(id.length() <= 30 && id.endsWith("-preview"), id);
    }
}
