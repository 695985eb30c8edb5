package dev.strata.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Every {@code strata:*} config key the program reads. {@code Pulumi.yaml} declares the same keys
 * with type, description and default, except the object-valued ones ({@link #objectDefault()}), and
 * {@code docs/configuration.md} documents them all; tests keep the three in step.
 */
public enum ConfigKey {
    CLOUD("cloud"),
    ENVIRONMENT("environment"),
    AWS_REGION("awsRegion"),
    GCP_REGION("gcpRegion"),
    GCP_PROJECT("gcpProject"),
    VPC_CIDR("vpcCidr"),
    KUBERNETES_VERSION("kubernetesVersion"),
    CLUSTER_API_ACCESS("clusterApiAccess"),
    CLUSTER_API_ALLOWED_CIDRS("clusterApiAllowedCidrs"),
    CLUSTER_API_ALLOW_DEPLOYER("clusterApiAllowDeployer"),
    NODE_POOLS("nodePools", """
            {"general": {"awsInstanceType": "m6i.large", "gcpMachineType": "e2-standard-4",
                         "minSize": 1, "desiredSize": 2, "maxSize": 4}}"""),
    DB_ENGINE_VERSION("dbEngineVersion"),
    DB_INSTANCE_CLASS("dbInstanceClass"),
    DB_TIER("dbTier"),
    DB_EDITION("dbEdition"),
    DB_STORAGE_GB("dbStorageGb"),
    DB_HIGH_AVAILABILITY("dbHighAvailability"),
    DB_BACKUP_RETENTION_DAYS("dbBackupRetentionDays"),
    DB_DELETION_PROTECTION("dbDeletionProtection"),
    APP_IMAGE("appImage"),
    APP_REPLICAS("appReplicas"),
    APP_MAX_REPLICAS("appMaxReplicas"),
    APP_PORT("appPort"),
    APP_LIVENESS_PATH("appLivenessPath"),
    APP_READINESS_PATH("appReadinessPath"),
    APP_CPU_REQUEST("appCpuRequest"),
    APP_MEMORY_REQUEST("appMemoryRequest"),
    APP_CPU_LIMIT("appCpuLimit"),
    APP_MEMORY_LIMIT("appMemoryLimit"),
    APP_ENV("appEnv", "{}"),
    APP_MIGRATION_JOB("appMigrationJob"),
    APP_DRAIN_SECONDS("appDrainSeconds"),
    EDGE_DOMAIN("edgeDomain"),
    EDGE_CERTIFICATE("edgeCertificate"),
    AWS_HOSTED_ZONE_ID("awsHostedZoneId"),
    BACKUP_RETENTION_DAYS("backupRetentionDays"),
    BACKUP_CROSS_REGION("backupCrossRegion"),
    AWS_BACKUP_COPY_REGION("awsBackupCopyRegion"),
    GCP_BACKUP_COPY_REGION("gcpBackupCopyRegion"),
    LOG_RETENTION_DAYS("logRetentionDays"),
    ALERT_EMAIL("alertEmail"),
    OWNER("owner"),
    COST_CENTER("costCenter"),
    CI_GITHUB_REPO("ciGithubRepo"),
    CI_GITHUB_BRANCH("ciGithubBranch"),
    CI_GITHUB_OIDC_PROVIDER("ciGithubOidcProvider"),

    CI_GITHUB_REPO_ID("ciGithubRepoId"),
    CI_GITHUB_OWNER_ID("ciGithubOwnerId");

    /** The config namespace: keys are written {@code strata:<key>}. */
    public static final String NAMESPACE = "strata";

    private final String key;
    private final String objectDefault;

    ConfigKey(String key) {
        this(key, null);
    }

    ConfigKey(String key, String objectDefault) {
        this.key = key;
        this.objectDefault = objectDefault;
    }

    /**
     * For an object-valued key, its default as JSON text. The CLI's project schema (pulumi/pulumi
     * {@code sdk/go/common/workspace/project.json}) allows only string, integer, boolean and array declarations,
     * so object-valued keys are not declared in {@code Pulumi.yaml}: their default lives here and
     * docs/configuration.md documents them.
     */
    public Optional<String> objectDefault() {
        return Optional.ofNullable(objectDefault);
    }

    /** The key without namespace, as {@code ctx.config().get(...)} takes it. */
    public String key() {
        return key;
    }

    /** The key as written in stack files and error messages. */
    public String qualified() {
        return NAMESPACE + ":" + key;
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The declared key closest to a misspelt one, if any is close enough to be a likely typo. */
    public static Optional<ConfigKey> closest(String typo) {
        String lower = typo.toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values())
                .min(Comparator.comparingInt(k -> distance(lower, k.key.toLowerCase(java.util.Locale.ROOT))))
                .filter(k -> distance(lower, k.key.toLowerCase(java.util.Locale.ROOT)) <= Math.max(2, typo.length() / 3));
    }

    /** The candidate closest to {@code typo} by the same rule as {@link #closest(String)} (e.g. node pool names). */
    public static Optional<String> closestOf(String typo, java.util.Collection<String> candidates) {
        String lower = typo.toLowerCase(java.util.Locale.ROOT);
        return candidates.stream()
                .min(Comparator.comparingInt((String c) -> distance(lower, c.toLowerCase(java.util.Locale.ROOT))))
                .filter(c -> distance(lower, c.toLowerCase(java.util.Locale.ROOT)) <= Math.max(2, typo.length() / 3));
    }

    /** Levenshtein edit distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
