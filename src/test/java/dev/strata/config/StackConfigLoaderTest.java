package dev.strata.config;

import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of the loader, each from a valid stack with exactly one value flipped. */
class StackConfigLoaderTest {

    private static final String POOL_OK = "{\"general\":{\"awsInstanceType\":\"m6i.large\",\"gcpMachineType\":"
            + "\"e2-standard-4\",\"minSize\":1,\"desiredSize\":2,\"maxSize\":4}}";

    static Stream<Arguments> devRules() {
        return Stream.of(
                rule("cloud", "azure", "strata:cloud = \"azure\": allowed: aws, gcp"),
                rule("environment", "staging", "strata:environment = \"staging\": allowed: dev, prod"),
                rule("awsRegion", "useast1", "strata:awsRegion = \"useast1\": allowed: an AWS region"),
                rule("gcpRegion", "Europe", "strata:gcpRegion = \"Europe\": allowed: a GCP region"),
                rule("gcpProject", "X", "strata:gcpProject = \"X\": allowed: a GCP project id"),
                rule("vpcCidr", "10.0.0.1/16", "strata:vpcCidr = \"10.0.0.1/16\": host bits are set; the network"
                        + " address is 10.0.0.0/16"),
                rule("vpcCidr", "10.0.0/16", "strata:vpcCidr = \"10.0.0/16\": not an IPv4 CIDR"),
                rule("vpcCidr", "8.8.0.0/16", "strata:vpcCidr = \"8.8.0.0/16\": must lie in a private range"),
                rule("vpcCidr", "10.0.0.0/24", "strata:vpcCidr = \"10.0.0.0/24\": allowed: a prefix from /16 to /20"),
                rule("kubernetesVersion", "1.20", "strata:kubernetesVersion = \"1.20\": allowed on aws on"),
                rule("clusterApiAllowedCidrs", "[\"0.0.0.0/0\"]", "strata:clusterApiAllowedCidrs[0] = \"0.0.0.0/0\":"
                        + " the API endpoint must not be open to the whole internet"),
                rule("clusterApiAllowedCidrs", "[\"300.1.0.0/16\"]", "strata:clusterApiAllowedCidrs[0] ="
                        + " \"300.1.0.0/16\": octet 300 is above 255"),
                rule("clusterApiAllowedCidrs", "{\"a\":1}", "strata:clusterApiAllowedCidrs = \"{\"a\":1}\": must be"
                        + " a list"),
                rule("nodePools", "{}", "strata:nodePools = \"{}\": at least one node pool is required"),
                rule("nodePools", "{\"general\":", "strata:nodePools = \"{\"general\":\": not valid structured"
                        + " config"),
                rule("nodePools", POOL_OK.replace("general", "Big_Pool"), "strata:nodePools = \"Big_Pool\": pool"
                        + " names allow"),
                rule("nodePools", POOL_OK.replace("\"minSize\":1", "\"minSize\":3"), "strata:nodePools.general:"
                        + " minSize 3, desiredSize 2, maxSize 4: must satisfy minSize <= desiredSize <= maxSize"),
                rule("nodePools", POOL_OK.replace(",\"maxSize\":4", ""), "strata:nodePools.general.maxSize is not"
                        + " set: it is required"),
                rule("nodePools", POOL_OK.replace("\"minSize\"", "\"zone\":\"a\",\"minSize\""),
                        "strata:nodePools.general.zone: unknown field; allowed: awsInstanceType, desiredSize, gcpMachineType, maxSize, minSize"),
                rule("nodePools", POOL_OK.replace("m6i.large", "large"), "strata:nodePools.general.awsInstanceType"
                        + " = \"large\": allowed: an EC2 instance type"),
                rule("nodePools", POOL_OK.replace("\"maxSize\":4", "\"maxSize\":500"), "strata:nodePools.general"
                        + ".maxSize = \"500\": allowed: an integer from 1 to 100"),
                rule("dbEngineVersion", "12", "strata:dbEngineVersion = \"12\": allowed: a PostgreSQL major version"),
                rule("dbInstanceClass", "t3.micro", "strata:dbInstanceClass = \"t3.micro\": allowed: an RDS instance"
                        + " class"),
                rule("dbTier", "small", "strata:dbTier = \"small\": allowed: a Cloud SQL tier"),
                rule("dbStorageGb", "5", "strata:dbStorageGb = \"5\": allowed: an integer from 20 to 65536"),
                rule("dbStorageGb", "lots", "strata:dbStorageGb = \"lots\": allowed: an integer from 20 to 65536"),
                rule("dbHighAvailability", "yes", "strata:dbHighAvailability = \"yes\": allowed: true, false"),
                rule("dbDeletionProtection", "flase", "strata:dbDeletionProtection = \"flase\": allowed: true,"
                        + " false"),
                rule("dbBackupRetentionDays", "40", "strata:dbBackupRetentionDays = \"40\": allowed: an integer from"
                        + " 1 to 35"),
                rule("appImage", "strata/counter", "strata:appImage = \"strata/counter\": needs an explicit version"
                        + " tag other than latest"),
                rule("appImage", "strata/counter:latest", "strata:appImage = \"strata/counter:latest\": needs an"
                        + " explicit version tag other than latest"),
                rule("appImage", "registry:5000/counter", "strata:appImage = \"registry:5000/counter\": needs an"
                        + " explicit version tag"),
                rule("appImage", "Strata Counter", "strata:appImage = \"Strata Counter\": allowed: an image"
                        + " reference"),
                rule("appReplicas", "0", "strata:appReplicas = \"0\": allowed: an integer from 1 to 50"),
                rule("appMaxReplicas", "1", "strata:appMaxReplicas = 1 is below strata:appReplicas = 2: the"
                        + " autoscaler's upper bound must be at least the replica count"),
                rule("appPort", "80", "strata:appPort = \"80\": allowed: an integer from 1024 to 65535"),
                rule("appLivenessPath", "health", "strata:appLivenessPath = \"health\": allowed: an absolute HTTP"
                        + " path"),
                rule("appReadinessPath", "/ready now", "strata:appReadinessPath = \"/ready now\": allowed: an"
                        + " absolute HTTP path"),
                rule("appCpuRequest", "2", "strata:appCpuRequest = \"2\" exceeds strata:appCpuLimit = \"1\": the"
                        + " request must not exceed the limit"),
                rule("appCpuLimit", "fast", "strata:appCpuLimit = \"fast\": allowed: a CPU quantity"),
                rule("appMemoryRequest", "1Gi", "strata:appMemoryRequest = \"1Gi\" exceeds strata:appMemoryLimit ="
                        + " \"512Mi\": the request must not exceed the limit"),
                rule("appMemoryLimit", "512MB", "strata:appMemoryLimit = \"512MB\": allowed: a memory quantity"),
                rule("appEnv", "{\"lower\":\"x\"}", "strata:appEnv = \"lower\": environment variable names allow"),
                rule("appEnv", "{\"PORT\":\"1\"}", "strata:appEnv = \"PORT\": is set by the platform; reserved:"),
                rule("appEnv", "{\"LOG\":{\"a\":1}}", "strata:appEnv.LOG = \"{\"a\":1}\": allowed: a string"),
                rule("appEnv", "[]", "strata:appEnv = \"[]\": must be a map"),
                rule("appMigrationJob", "maybe", "strata:appMigrationJob = \"maybe\": allowed: true, false"),
                rule("edgeDomain", "Not_A_Domain", "strata:edgeDomain = \"Not_A_Domain\": allowed: a lower-case DNS"
                        + " name"),
                rule("edgeCertificate", "arn:aws:acm:us-east-1:123456789012:certificate/"
                        + "0123abcd-0123-4567-89ab-0123456789ab", "strata:edgeCertificate is set but strata:edgeDomain"
                        + " is empty: a certificate needs the domain it is issued for"),
                rule("edgeCertificate", "arn:aws:acm:eu-west-1:123", "strata:edgeCertificate ="
                        + " \"arn:aws:acm:eu-west-1:123\": allowed: an ACM certificate ARN in us-east-1"),
                rule("backupRetentionDays", "0", "strata:backupRetentionDays = \"0\": allowed: an integer from 1 to"
                        + " 3650"),
                rule("backupCrossRegion", "on", "strata:backupCrossRegion = \"on\": allowed: true, false"),
                rule("awsBackupCopyRegion", "west", "strata:awsBackupCopyRegion = \"west\": allowed: an AWS region"),
                rule("gcpBackupCopyRegion", "west", "strata:gcpBackupCopyRegion = \"west\": allowed: a GCP region"),
                rule("logRetentionDays", "10", "strata:logRetentionDays = \"10\": allowed: one of [1, 3, 5, 7, 14,"
                        + " 30,"),
                rule("logRetentionDays", "5000", "strata:logRetentionDays = \"5000\": allowed: an integer from 1 to"
                        + " 3653"),
                rule("alertEmail", "nobody", "strata:alertEmail = \"nobody\": allowed: an e-mail address"),
                rule("owner", "Platform Team", "strata:owner = \"Platform Team\": allowed: 1-63 lower-case letters"),
                rule("costCenter", "", "strata:costCenter is not set: it has no default and is required"),
                rule("ciGithubRepo", "not-a-repo", "strata:ciGithubRepo = \"not-a-repo\": allowed: a GitHub"
                        + " repository as owner/name"),
                rule("ciGithubBranch", "bad branch", "strata:ciGithubBranch = \"bad branch\": allowed: a branch"
                        + " name"),
                rule("nodePool", POOL_OK, "strata:nodePool: unknown key; did you mean strata:nodePools?"),
                rule("dbHighAvailabilty", "true", "strata:dbHighAvailabilty: unknown key; did you mean"
                        + " strata:dbHighAvailability?"),
                rule("frobnicate", "1", "strata:frobnicate: unknown key; see docs/configuration.md"));
    }

    static Stream<Arguments> prodRules() {
        return Stream.of(
                rule("dbHighAvailability", "false", "strata:dbHighAvailability = \"false\": must be true in prod"),
                rule("dbDeletionProtection", "false", "strata:dbDeletionProtection = \"false\": must be true in"
                        + " prod"),
                rule("dbBackupRetentionDays", "3", "strata:dbBackupRetentionDays = \"3\": must be at least 7 in"
                        + " prod"),
                rule("nodePools", POOL_OK.replace("\"minSize\":1", "\"minSize\":1").replace("\"desiredSize\":2",
                        "\"desiredSize\":3"), "strata:nodePools.general.minSize = 1: must be at least 2 in prod"),
                rule("appReplicas", "2", "strata:appReplicas = \"2\": must be at least 3 in prod"),
                rule("backupCrossRegion", "false", "strata:backupCrossRegion = \"false\": must be true in prod"),
                rule("backupRetentionDays", "3", "strata:backupRetentionDays = \"3\": must be at least 7 in prod"),
                rule("logRetentionDays", "14", "strata:logRetentionDays = \"14\": must be at least 30 in prod"),
                rule("alertEmail", "", "strata:alertEmail is not set: prod alerts need a recipient"),
                rule("awsBackupCopyRegion", "us-east-1", "strata:awsBackupCopyRegion = \"us-east-1\": must differ"
                        + " from the stack's region us-east-1"));
    }

    private static Arguments rule(String key, String value, String message) {
        return Arguments.of(key, value, message);
    }

    @ParameterizedTest(name = "dev: {0} = {1}")
    @MethodSource("devRules")
    void devRuleReportsKeyValueAndWhatIsAllowed(String key, String value, String message) {
        var e = assertThrows(ConfigException.class,
                () -> Fixtures.config("dev", Cloud.AWS, Map.of(key, value)));
        assertEquals(1, e.problems().size(), () -> "one flip, one problem: " + e.problems());
        assertTrue(e.problems().get(0).startsWith(message), () -> "expected '" + message + "' in " + e.problems());
        assertTrue(e.getMessage().startsWith("invalid configuration for stack 'dev' (1 problem):"), e.getMessage());
    }

    @ParameterizedTest(name = "prod: {0} = {1}")
    @MethodSource("prodRules")
    void prodRuleReportsKeyValueAndWhatIsAllowed(String key, String value, String message) {
        var e = assertThrows(ConfigException.class,
                () -> Fixtures.config("prod", Cloud.AWS, Map.of(key, value)));
        assertEquals(1, e.problems().size(), () -> "one flip, one problem: " + e.problems());
        assertTrue(e.problems().get(0).startsWith(message), () -> "expected '" + message + "' in " + e.problems());
    }

    @ParameterizedTest(name = "dev accepts {0} = {1}")
    @MethodSource("prodRules")
    void prodRulesDoNotApplyToDev(String key, String value, String message) {
        if (key.equals("awsBackupCopyRegion")) {
            return; // same-region copy is wrong in any environment once cross-region copy is on; dev has it off
        }
        var cfg = Fixtures.config("dev", Cloud.AWS, Map.of(key, value));
        assertEquals(Environment.DEV, cfg.environment());
    }

    @Test
    void gcpNeedsAProject() {
        var e = assertThrows(ConfigException.class,
                () -> Fixtures.config("dev", Cloud.GCP, Map.of("gcpProject", "")));
        assertEquals(List.of("strata:gcpProject is not set: it is required when strata:cloud is gcp"), e.problems());
    }

    @Test
    void threeMistakesAreReportedAtOnce() {
        var e = assertThrows(ConfigException.class, () -> Fixtures.config("dev", Cloud.AWS, Map.of(
                "environment", "production", "dbHighAvailabilty", "true", "appPort", "80")));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid configuration for stack 'dev' (3 problems):"));
        assertTrue(e.getMessage().contains("strata:environment = \"production\": allowed: dev, prod"));
        assertTrue(e.getMessage().contains("strata:dbHighAvailabilty: unknown key; did you mean"
                + " strata:dbHighAvailability?"));
        assertTrue(e.getMessage().contains("strata:appPort = \"80\": allowed: an integer from 1024 to 65535"));
    }

    @Test
    void enumsAndBooleansAreCaseInsensitiveButStrict() {
        var cfg = Fixtures.config("dev", Cloud.AWS, Map.of("cloud", "GCP", "environment", "Dev",
                "dbHighAvailability", "TRUE"));
        assertEquals(Cloud.GCP, cfg.cloud());
        assertTrue(cfg.database().highAvailability());
        assertThrows(ConfigException.class, () -> Fixtures.config("dev", Cloud.AWS, Map.of("dbHighAvailability",
                "1")));
    }

    @Test
    void stackFilesLoadThroughTheRealLoader() {
        var dev = Fixtures.config("dev", Cloud.AWS);
        assertEquals(Environment.DEV, dev.environment());
        assertEquals("us-east-1", dev.region());
        assertEquals("10.40.0.0/16", dev.network().vpcCidr().toString());
        assertEquals(Set.of("general"), dev.cluster().nodePools().keySet());
        assertEquals("m6i.large", dev.cluster().nodePools().get("general").machineType());
        assertFalse(dev.database().highAvailability());
        assertEquals("db.t4g.medium", dev.database().instanceClass());
        assertEquals(Optional.empty(), dev.edge().domain());

        var prod = Fixtures.config("prod", Cloud.GCP);
        assertEquals(Environment.PROD, prod.environment());
        assertEquals(Optional.of("strata-prod-4711"), prod.gcpProject());
        assertEquals("us-central1", prod.region());
        assertTrue(prod.database().highAvailability());
        assertTrue(prod.database().deletionProtection());
        assertEquals("db-custom-4-16384", prod.database().instanceClass());
        assertEquals("e2-standard-4", prod.cluster().nodePools().get("general").machineType());
        assertTrue(prod.cluster().nodePools().get("general").minSize() >= 2);
        assertTrue(prod.app().replicas() >= 3);
        assertTrue(prod.backup().crossRegion());
        assertEquals("us-east1", prod.backup().copyRegion());
        assertEquals(Optional.of("oncall@example.com"), prod.observability().alertEmail());
    }

    @Test
    void digestPinnedImagesNeedNoTag() {
        String digest = "strata/counter@sha256:" + "a".repeat(64);
        var cfg = Fixtures.config("dev", Cloud.AWS, Map.of("appImage", digest));
        assertTrue(cfg.app().pinnedByDigest());
    }

    @Test
    void apiCidrsAndPoolsAreParsed() {
        var cfg = Fixtures.config("dev", Cloud.GCP, Map.of("clusterApiAllowedCidrs", "[\"203.0.113.0/24\","
                + "\"198.51.0.0/16\"]", "nodePools", POOL_OK.replace("}}", "},\"batch\":{\"awsInstanceType\":"
                + "\"c6i.xlarge\",\"gcpMachineType\":\"c2-standard-8\",\"minSize\":0,\"desiredSize\":0,"
                + "\"maxSize\":3}}")));
        assertEquals(List.of("203.0.113.0/24", "198.51.0.0/16", DeployerEgress.PLANNER + "/32"),
                cfg.cluster().apiAllowedCidrs().stream().map(Cidr::toString).toList());
        assertEquals(List.of("batch", "general"), List.copyOf(cfg.cluster().nodePools().keySet()));
        assertEquals("c2-standard-8", cfg.cluster().nodePools().get("batch").machineType());
    }

    @Test
    void missingValuesAreReportedWithoutDefaults() {
        var values = new HashMap<String, String>();
        var e = assertThrows(ConfigException.class, () -> StackConfigLoader.load(
                new ConfigSource("strata", "bare", k -> Optional.ofNullable(values.get(k)), Set.of())));
        assertTrue(e.problems().contains("strata:cloud is not set: it has no default and is required"));
        // object-valued keys have their default in the code (the CLI's project schema cannot declare them)
        long withoutCodeDefault = java.util.Arrays.stream(ConfigKey.values()).filter(k -> k.objectDefault().isEmpty())
                .count();
        assertTrue(e.problems().size() >= withoutCodeDefault - 8, e.getMessage()); // 8 optional keys
    }
}
