package dev.strata.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stateful resource types and, per type, the inputs whose change makes the provider replace the resource
 * (delete and create: the data goes with it), or upgrade it irreversibly in place. Curated from the providers'
 * own schemas: pulumi-aws 6.x / terraform-provider-aws resource docs ("Changing this forces a new resource",
 * ForceNew in the schema) and pulumi-gcp 7.x / terraform-provider-google ("Changing this forces a new resource
 * to be created"). Paths are input names, "a.b" for nested ones; a prefix matches everything below it.
 */
final class ReplaceRules {

    /** What a change to a guarded input does. */
    enum Effect {
        REPLACE("would replace"),
        IRREVERSIBLE("would upgrade in place, irreversibly, with downtime");

        final String verb;

        Effect(String verb) {
            this.verb = verb;
        }
    }

    record Rule(String path, Effect effect, String source) {
    }

    private static final String TF_AWS = "terraform-provider-aws docs, ";
    private static final String TF_GCP = "terraform-provider-google docs, ";

    static final Map<String, List<Rule>> RULES = Map.ofEntries(
            Map.entry("aws:rds/instance:Instance", List.of(
                    replace("identifier", TF_AWS + "db_instance: identifier forces new"),
                    replace("identifierPrefix", TF_AWS + "db_instance"),
                    replace("engine", TF_AWS + "db_instance: engine forces new"),
                    replace("storageEncrypted", TF_AWS + "db_instance: storage_encrypted forces new"),
                    replace("kmsKeyId", TF_AWS + "db_instance: kms_key_id forces new"),
                    replace("username", TF_AWS + "db_instance: username forces new"),
                    replace("dbName", TF_AWS + "db_instance: db_name forces new"),
                    replace("characterSetName", TF_AWS + "db_instance"),
                    replace("timezone", TF_AWS + "db_instance"),
                    replace("availabilityZone", TF_AWS + "db_instance: availability_zone forces new"),
                    // ModifyDBInstance with AllowMajorVersionUpgrade; there is no downgrade (RDS user guide,
                    // "Upgrading the PostgreSQL DB engine")
                    new Rule("engineVersion", Effect.IRREVERSIBLE, "RDS user guide: major version upgrades"))),
            Map.entry("aws:kms/key:Key", List.of(
                    replace("customerMasterKeySpec", TF_AWS + "kms_key"),
                    replace("keySpec", TF_AWS + "kms_key: key_spec forces new"),
                    replace("keyUsage", TF_AWS + "kms_key: key_usage forces new"),
                    replace("multiRegion", TF_AWS + "kms_key: multi_region forces new"))),
            Map.entry("aws:s3/bucketV2:BucketV2", List.of(
                    replace("bucket", TF_AWS + "s3_bucket: bucket forces new"),
                    replace("bucketPrefix", TF_AWS + "s3_bucket"),
                    replace("objectLockEnabled", TF_AWS + "s3_bucket: object_lock_enabled forces new"))),
            Map.entry("aws:backup/vault:Vault", List.of(
                    replace("name", TF_AWS + "backup_vault: name forces new"),
                    replace("kmsKeyArn", TF_AWS + "backup_vault: kms_key_arn forces new"))),
            Map.entry("aws:secretsmanager/secret:Secret", List.of(
                    replace("name", TF_AWS + "secretsmanager_secret: name forces new"),
                    replace("namePrefix", TF_AWS + "secretsmanager_secret"))),
            Map.entry("aws:eks/cluster:Cluster", List.of(
                    replace("name", TF_AWS + "eks_cluster: name forces new"),
                    replace("roleArn", TF_AWS + "eks_cluster: role_arn forces new"),
                    replace("kubernetesNetworkConfig", TF_AWS + "eks_cluster: kubernetes_network_config forces new"),
                    replace("bootstrapSelfManagedAddons", TF_AWS + "eks_cluster"),
                    replace("accessConfig.bootstrapClusterCreatorAdminPermissions", TF_AWS + "eks_cluster"))),
            Map.entry("aws:eks/nodeGroup:NodeGroup", List.of(
                    replace("nodeGroupName", TF_AWS + "eks_node_group: node_group_name forces new"),
                    replace("nodeGroupNamePrefix", TF_AWS + "eks_node_group"),
                    replace("clusterName", TF_AWS + "eks_node_group: cluster_name forces new"),
                    replace("nodeRoleArn", TF_AWS + "eks_node_group: node_role_arn forces new"),
                    replace("subnetIds", TF_AWS + "eks_node_group: subnet_ids forces new"),
                    replace("amiType", TF_AWS + "eks_node_group: ami_type forces new"),
                    replace("capacityType", TF_AWS + "eks_node_group: capacity_type forces new"),
                    replace("diskSize", TF_AWS + "eks_node_group: disk_size forces new"),
                    replace("instanceTypes", TF_AWS + "eks_node_group: instance_types forces new"),
                    replace("remoteAccess", TF_AWS + "eks_node_group: remote_access forces new"))),
            Map.entry("gcp:sql/databaseInstance:DatabaseInstance", List.of(
                    replace("name", TF_GCP + "sql_database_instance: name forces new"),
                    replace("region", TF_GCP + "sql_database_instance: region forces new"),
                    replace("project", TF_GCP + "sql_database_instance"),
                    replace("encryptionKeyName", TF_GCP + "sql_database_instance: encryption_key_name forces new"),
                    replace("masterInstanceName", TF_GCP + "sql_database_instance"),
                    // in-place major version upgrade (Cloud SQL docs, "Upgrade the database major version in place")
                    new Rule("databaseVersion", Effect.IRREVERSIBLE, "Cloud SQL docs: in-place major upgrade"))),
            Map.entry("gcp:sql/database:Database", List.of(
                    replace("name", TF_GCP + "sql_database: name forces new"),
                    replace("instance", TF_GCP + "sql_database: instance forces new"))),
            Map.entry("gcp:kms/keyRing:KeyRing", List.of(
                    replace("name", TF_GCP + "kms_key_ring: name forces new"),
                    replace("location", TF_GCP + "kms_key_ring: location forces new"),
                    replace("project", TF_GCP + "kms_key_ring"))),
            Map.entry("gcp:kms/cryptoKey:CryptoKey", List.of(
                    replace("name", TF_GCP + "kms_crypto_key: name forces new"),
                    replace("keyRing", TF_GCP + "kms_crypto_key: key_ring forces new"),
                    replace("purpose", TF_GCP + "kms_crypto_key: purpose forces new"),
                    replace("importOnly", TF_GCP + "kms_crypto_key"),
                    replace("skipInitialVersionCreation", TF_GCP + "kms_crypto_key"))),
            Map.entry("gcp:storage/bucket:Bucket", List.of(
                    replace("name", TF_GCP + "storage_bucket: name forces new"),
                    replace("location", TF_GCP + "storage_bucket: location forces new"),
                    replace("project", TF_GCP + "storage_bucket"),
                    replace("customPlacementConfig", TF_GCP + "storage_bucket"))),
            Map.entry("gcp:secretmanager/secret:Secret", List.of(
                    replace("secretId", TF_GCP + "secret_manager_secret: secret_id forces new"),
                    replace("replication", TF_GCP + "secret_manager_secret: replication forces new"),
                    replace("project", TF_GCP + "secret_manager_secret"))),
            Map.entry("gcp:container/cluster:Cluster", List.of(
                    replace("name", TF_GCP + "container_cluster: name forces new"),
                    replace("location", TF_GCP + "container_cluster: location forces new"),
                    replace("network", TF_GCP + "container_cluster: network forces new"),
                    replace("subnetwork", TF_GCP + "container_cluster: subnetwork forces new"),
                    replace("ipAllocationPolicy", TF_GCP + "container_cluster: ip_allocation_policy forces new"),
                    replace("privateClusterConfig.enablePrivateNodes", TF_GCP + "container_cluster"),
                    replace("privateClusterConfig.masterIpv4CidrBlock", TF_GCP + "container_cluster"),
                    replace("initialNodeCount", TF_GCP + "container_cluster: initial_node_count forces new"))),
            Map.entry("gcp:container/nodePool:NodePool", List.of(
                    replace("name", TF_GCP + "container_node_pool: name forces new"),
                    replace("cluster", TF_GCP + "container_node_pool: cluster forces new"),
                    replace("location", TF_GCP + "container_node_pool: location forces new"),
                    replace("nodeConfig.diskSizeGb", TF_GCP + "container_node_pool: node_config forces new"),
                    replace("nodeConfig.diskType", TF_GCP + "container_node_pool: node_config forces new"),
                    replace("nodeConfig.serviceAccount", TF_GCP + "container_node_pool: node_config forces new"),
                    replace("nodeConfig.oauthScopes", TF_GCP + "container_node_pool: node_config forces new"),
                    replace("nodeConfig.bootDiskKmsKey", TF_GCP + "container_node_pool: node_config forces new"))));

    /** Stateful types guarded against deletion; every type with rules above. */
    static Set<String> statefulTypes() {
        return RULES.keySet();
    }

    /** Version inputs where only a change of the major version is guarded ("16" -> "17", POSTGRES_16 -> _17). */
    static final Set<String> MAJOR_ONLY = Set.of("engineVersion", "databaseVersion");

    /** The major version in a version text: the first run of digits ("16.4" -> 16, "POSTGRES_16" -> 16). */
    static String major(Object version) {
        var m = java.util.regex.Pattern.compile("[0-9]+").matcher(String.valueOf(version));
        return m.find() ? m.group() : String.valueOf(version);
    }

    /** The rule that {@code path} (a changed input path such as "vpcConfig.subnetIds[0]") falls under. */
    static Optional<Rule> ruleFor(String type, String path) {
        return RULES.getOrDefault(type, List.of()).stream()
                .filter(r -> path.equals(r.path()) || path.startsWith(r.path() + ".") || path.startsWith(r.path() + "["))
                .findFirst();
    }

    private static Rule replace(String path, String source) {
        return new Rule(path, Effect.REPLACE, source);
    }

    private ReplaceRules() {
    }
}
