package dev.strata.gcp;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the two GitHub Actions identities of a GCP stack may do, and whom the pool admits.
 *
 * <p><b>Deploy</b> ({@code pulumi up}, environment {@code <stack>} on the deploy branch): the predefined admin role
 * of each service the stack's resources belong to ({@link #DEPLOY}; a test fails when the plan gains a module that is
 * not listed), on the stack's own project. Not roles/owner or roles/editor: the policy pack refuses primitive roles,
 * and they would reach every service. Project IAM admin carries a condition that lets it grant only the roles the
 * stack grants ({@link #delegationCondition}; IAM "Delegate granting roles with conditions"), so a deploy cannot grant
 * itself or anyone else another role on the project; the CI's own pool, provider and bindings are not the deploy's
 * to change (an administrator applies changes to them). What remains: service account admin and user on the project
 * reach every service account of the project, so one project per stack (as dev and prod have) is the boundary.
 *
 * <p><b>Preview</b> ({@code pulumi preview}, environment {@code preview-<stack>}, pull requests only): a preview
 * without {@code --refresh} reads only the state and makes the program's lookups, so a custom role with exactly the
 * lookups' permissions ({@link #LOOKUP_PERMISSIONS}), Kubernetes read access (container.viewer: the Kubernetes
 * provider falls back to a client-side diff when its dry-run patch is forbidden, pulumi/pulumi-kubernetes#2419), the
 * state bucket read-only and decrypt on the secrets key. Not roles/viewer: primitive, and it reads far more than a
 * preview needs, for a credential any branch's pull request obtains.
 */
final class GcpCiRoles {
    private GcpCiRoles() {
    }

    static final String PROJECT_IAM_ADMIN = "roles/resourcemanager.projectIamAdmin";

    /**
     * Project roles of the deploy identity per Pulumi GCP module of the stack's resources. {@code iam} (the CI's own
     * workload identity pool) is deliberately empty: a deploy must not rewrite whom the pool admits.
     */
    static final Map<String, List<String>> DEPLOY = Map.ofEntries(
            Map.entry("artifactregistry", List.of("roles/artifactregistry.admin")),
            Map.entry("cloudscheduler", List.of("roles/cloudscheduler.admin")),
            Map.entry("compute", List.of("roles/compute.admin")),
            Map.entry("container", List.of("roles/container.admin")),
            Map.entry("dns", List.of("roles/dns.admin")),
            Map.entry("iam", List.of()),
            Map.entry("kms", List.of("roles/cloudkms.admin")),
            Map.entry("logging", List.of("roles/logging.admin")),
            Map.entry("monitoring", List.of("roles/monitoring.admin")),
            // IAM admin with the delegation condition; custom roles; enabling APIs and service identities
            Map.entry("projects", List.of(PROJECT_IAM_ADMIN, "roles/iam.roleAdmin",
                    "roles/serviceusage.serviceUsageAdmin")),
            Map.entry("secretmanager", List.of("roles/secretmanager.admin")),
            // creating GKE node pools, Cloud Scheduler jobs and workflows that run as the stack's accounts needs actAs
            Map.entry("serviceaccount", List.of("roles/iam.serviceAccountAdmin", "roles/iam.serviceAccountUser")),
            Map.entry("servicenetworking", List.of("roles/servicenetworking.networksAdmin")),
            Map.entry("sql", List.of("roles/cloudsql.admin")),
            Map.entry("storage", List.of("roles/storage.admin")),
            Map.entry("workflows", List.of("roles/workflows.admin")));

    /**
     * The predefined roles the stack grants on its project (GKE nodes, the workload's Cloud SQL client); with the
     * backups' custom role ({@link #delegable}) the only roles a deploy may grant there. A test compares this with
     * every project grant of the plans.
     */
    static final List<String> STACK_PROJECT_GRANTS = List.of("roles/artifactregistry.reader", "roles/cloudsql.client",
            "roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/monitoring.viewer",
            "roles/stackdriver.resourceMetadata.writer");

    /**
     * The permissions of the program's lookups: getProject and the Storage service agent
     * (resourcemanager.projects.get, per the Cloud Storage JSON API reference), getZones (compute.zones.list), the
     * Logging service agent (logging.cmekSettings.get, per projects.getCmekSettings).
     */
    static final List<String> LOOKUP_PERMISSIONS = List.of("compute.zones.list", "logging.cmekSettings.get",
            "resourcemanager.projects.get");

    /** Preview's predefined project roles besides the lookup role. */
    static final List<String> PREVIEW = List.of("roles/container.viewer");

    static List<String> deployRoles() {
        return DEPLOY.values().stream().flatMap(List::stream).distinct().sorted().toList();
    }

    /** The roles a deploy may grant on the project: the stack's grants and its backups' custom export role. */
    static List<String> delegable(String project, String prefix) {
        var all = new java.util.ArrayList<>(STACK_PROJECT_GRANTS);
        all.add("projects/" + project + "/roles/" + (prefix + "-backups").replaceAll("[^A-Za-z0-9]", "_") + "_sql_export");
        return all;
    }

    /**
     * The condition on project IAM admin: a setIamPolicy may add or remove grants of these roles only
     * (https://cloud.google.com/iam/docs/setting-limits-on-granting-roles).
     */
    static String delegationCondition(List<String> roles) {
        return "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly(["
                + roles.stream().map(r -> "'" + r + "'").collect(Collectors.joining(", ")) + "])";
    }

    /**
     * Conditions that keep the project-wide admin roles off the state backend (made by scripts/bootstrap, which the
     * deploy reaches through its own object and key grants): storage admin may not delete or re-policy the state
     * bucket, KMS admin may not destroy or re-policy the secrets key ring. Cloud Storage and Cloud KMS grant by
     * resource.name (https://cloud.google.com/iam/docs/conditions-resource-attributes); other resources the role
     * is checked on (the project, for a list) have other names and pass.
     */
    static Map<String, String> stateExclusions(String project, String region, String stack) {
        String bucket = "projects/_/buckets/" + dev.strata.platform.StateBackend.gcpBucket(stack, project);
        String ring = "projects/" + project + "/locations/" + region + "/keyRings/strata-state";
        return Map.of(
                "roles/storage.admin", "resource.name != '" + bucket + "' && !resource.name.startsWith('" + bucket + "/')",
                "roles/cloudkms.admin", "resource.name != '" + ring + "' && !resource.name.startsWith('" + ring + "/')");
    }

    /** GitHub's default subject of a job in an environment, which google.subject maps. */
    static String subject(String repo, String environment) {
        return "repo:" + repo + ":environment:" + environment;
    }

    /** google.subject may hold at most 127 bytes (Workload Identity Federation, attribute mappings). */
    static final int MAX_SUBJECT = 127;

    /**
     * Whom the provider admits at all: the repository, pinned by GitHub's immutable numeric ids (a name can be
     * re-registered after a rename or a deletion, an id cannot; GitHub, "About security hardening with OpenID
     * Connect") and by name, and then only a deploy job (environment {@code <stack>}, on the deploy branch) or a
     * preview job (environment {@code preview-<stack>}, a pull request). A job without an environment has no
     * {@code environment} claim; the comparison then errs, and an erring condition rejects the token. Which of the
     * two service accounts a job may impersonate is decided by its subject ({@code principal://.../subject/...}).
     */
    static String attributeCondition(String repo, String repoId, String ownerId, String stack, String branch) {
        return "assertion.repository_id == '" + repoId + "' && assertion.repository_owner_id == '" + ownerId
                + "' && assertion.repository == '" + repo + "' && ("
                + "(assertion.environment == '" + stack + "' && assertion.ref == 'refs/heads/" + branch + "')"
                + " || (assertion.environment == 'preview-" + stack + "' && assertion.event_name == 'pull_request'))";
    }
}
