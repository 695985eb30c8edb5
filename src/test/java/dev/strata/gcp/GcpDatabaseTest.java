package dev.strata.gcp;

import dev.strata.support.Props;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.StackConfig;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.strata.support.Props.map;
import static dev.strata.support.Props.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpDatabaseTest {

    private static MockRun.Recorded build(StackConfig cfg) {
        return MockRun.run(cfg, ctx -> new GcpDatabase("db", new GcpDatabase.Args(GcpFixture.PROJECT, cfg.database(),
                cfg.environment().isProd(), Output.of("net"), Output.of("psa-range"), GcpFixture.key("data")),
                ComponentResourceOptions.Empty));
    }

    @Test
    void privateIpOnlyTlsRequiredBackupsWithPitrAndLoggingFlags() {
        var m = build(GcpFixture.dev()).mocks();
        var sql = m.one("gcp:sql/databaseInstance:DatabaseInstance").inputs;
        assertEquals("POSTGRES_16", sql.get("databaseVersion"));
        var settings = map(sql.get("settings"));
        var ip = map(settings.get("ipConfiguration"));
        assertEquals(false, ip.get("ipv4Enabled"));
        assertEquals(true, ip.get("requireSsl"));
        assertEquals("net", ip.get("privateNetwork"));
        assertEquals("psa-range", ip.get("allocatedIpRange"));
        var backup = map(settings.get("backupConfiguration"));
        assertEquals(true, backup.get("enabled"));
        assertEquals(true, backup.get("pointInTimeRecoveryEnabled"));
        assertEquals(7, num(map(backup.get("backupRetentionSettings")).get("retainedBackups")));
        var flags = settings.get("databaseFlags").toString();
        for (String f : GcpDatabase.flags().keySet()) {
            assertTrue(flags.contains(f), f);
        }
        assertEquals("ZONAL", settings.get("availabilityType"));
        assertEquals(false, sql.get("deletionProtection"));
        // the master user's password is the "db-password" one; the application role's is generated apart
        var passwords = m.ofType(dev.strata.random.RandomPassword.TYPE).stream().map(r -> r.name).sorted().toList();
        assertEquals(List.of("db-app-password", "db-password"), passwords);
        assertTrue(m.generatedSecrets().contains((String) m.one("gcp:sql/user:User").inputs.get("password")));
    }

    /** Automatic replication accepts only a key in "global"; our keys are regional. */
    @Test
    void credentialsSecretsHaveOneReplicaInTheRegionWithThatRegionsKey() {
        var secrets = build(GcpFixture.dev()).mocks().ofType("gcp:secretmanager/secret:Secret");
        assertEquals(2, secrets.size(), "the master's and the application role's credentials");
        for (var secret : secrets) {
            var replication = map(secret.inputs.get("replication"));
            assertEquals(null, replication.get("auto"), "automatic replication needs a global key");
            var replicas = Props.list(map(replication.get("userManaged")).get("replicas"));
            assertEquals(1, replicas.size());
            var replica = map(replicas.get(0));
            assertEquals("us-central1", replica.get("location"));
            assertEquals("projects/strata-dev-4711/locations/us-central1/keyRings/r/cryptoKeys/data",
                    map(replica.get("customerManagedEncryption")).get("kmsKeyName"));
        }
    }

    /**
     * com.pulumi:gcp 7.0.0 has no sslMode: requireSsl=true means TRUSTED_CLIENT_CERTIFICATE_REQUIRED, which
     * only the Cloud SQL connector (ephemeral client certificates) satisfies, so only it is let in.
     */
    @Test
    void onlyCloudSqlConnectorClientsWithClientCertificatesConnect() {
        var settings = map(build(GcpFixture.dev()).mocks().one("gcp:sql/databaseInstance:DatabaseInstance").inputs
                .get("settings"));
        assertEquals(true, map(settings.get("ipConfiguration")).get("requireSsl"));
        assertEquals("REQUIRED", settings.get("connectorEnforcement"));
        assertEquals(false, map(settings.get("ipConfiguration")).containsKey("sslMode"),
                "sslMode does not exist in the pinned SDK");
    }

    /** The instance admits only connector clients, so the workload's DATABASE_URL must go through the connector. */
    @Test
    void theWorkloadsDatabaseUrlGoesThroughTheCloudSqlConnector() {
        var url = new java.util.concurrent.atomic.AtomicReference<String>();
        var cfg = GcpFixture.dev();
        MockRun.run(cfg, ctx -> {
            var db = new GcpDatabase("db", new GcpDatabase.Args(GcpFixture.PROJECT, cfg.database(), false,
                    Output.of("net"), Output.of("psa-range"), GcpFixture.key("data")), ComponentResourceOptions.Empty);
            db.connection().jdbcUrl().applyValue(u -> {
                url.set(u);
                return u;
            });
        });
        assertTrue(url.get().startsWith("jdbc:postgresql:///counter?cloudSqlInstance="), url.get());
        assertTrue(url.get().contains("&socketFactory=com.google.cloud.sql.postgres.SocketFactory&ipTypes=PRIVATE"));
        assertFalse(url.get().contains("sslmode"), "the connector does the TLS; sslmode would bypass nothing");
    }

    @Test
    void theConnectorUrlNamesTheInstanceAndItsPrivateIp() {
        assertEquals("jdbc:postgresql:///counter?cloudSqlInstance=p:us-central1:db-1"
                        + "&socketFactory=com.google.cloud.sql.postgres.SocketFactory&ipTypes=PRIVATE",
                GcpDatabase.connectorJdbcUrl("p:us-central1:db-1", "counter"));
    }

    @Test
    void editionPinnedAndInstanceEncryptedWithTheRegionsKey() {
        var sql = build(GcpFixture.prod()).mocks().one("gcp:sql/databaseInstance:DatabaseInstance").inputs;
        assertEquals("ENTERPRISE", map(sql.get("settings")).get("edition"));
        assertEquals("projects/strata-dev-4711/locations/us-central1/keyRings/r/cryptoKeys/data",
                sql.get("encryptionKeyName"));
    }

    @Test
    void prodIsRegionalAndDeletionProtected() {
        var sql = build(GcpFixture.prod()).mocks().one("gcp:sql/databaseInstance:DatabaseInstance").inputs;
        var settings = map(sql.get("settings"));
        assertEquals("REGIONAL", settings.get("availabilityType"));
        assertEquals(true, sql.get("deletionProtection"));
        assertEquals(true, settings.get("deletionProtectionEnabled"));
        assertEquals("db-custom-4-16384", settings.get("tier"));
        assertEquals(14, num(map(map(settings.get("backupConfiguration")).get("backupRetentionSettings"))
                .get("retainedBackups")));
    }
}
