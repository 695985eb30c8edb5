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
        assertTrue(map(map(m.inputs("gcp:secretmanager/secret:Secret", "db-credentials").get("replication")).get("auto"))
                .toString().contains("cryptoKeys/data"));
        // the master user's password is the "db-password" one; the application role's is generated apart
        var passwords = m.ofType(dev.strata.random.RandomPassword.TYPE).stream().map(r -> r.name).sorted().toList();
        assertEquals(List.of("db-app-password", "db-password"), passwords);
        assertTrue(m.generatedSecrets().contains((String) m.one("gcp:sql/user:User").inputs.get("password")));
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
