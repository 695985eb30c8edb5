package dev.strata.counter;

import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * On GCP the platform hands the app a DATABASE_URL through the Cloud SQL Java connector (the instance requires
 * client certificates, which only the connector holds). The URL must parse in the app's driver and name a socket
 * factory the app ships, or every connection on GCP fails.
 */
class CloudSqlConnectorTest {
    /** The URL GcpDatabase.connectorJdbcUrl builds (kept in step by the program's GcpDatabaseTest). */
    static final String GCP_URL = "jdbc:postgresql:///counter?cloudSqlInstance=strata-dev-4711:us-central1:db"
            + "&socketFactory=com.google.cloud.sql.postgres.SocketFactory&ipTypes=PRIVATE";

    @Test
    void theGcpPlatformsUrlParsesAndItsSocketFactoryShipsWithTheApp() throws Exception {
        Properties p = Driver.parseURL(GCP_URL, new Properties());
        assertNotNull(p, "the driver accepts the URL");
        assertEquals("counter", p.getProperty("PGDBNAME"));
        assertEquals("com.google.cloud.sql.postgres.SocketFactory", p.getProperty("socketFactory"));
        assertEquals("strata-dev-4711:us-central1:db", p.getProperty("cloudSqlInstance"));
        Class<?> factory = Class.forName(p.getProperty("socketFactory"));
        assertEquals(javax.net.SocketFactory.class, factory.getSuperclass(), "a socket factory pgjdbc can use");
    }

    /** Records the properties pgjdbc hands a socket factory, then refuses the connection. */
    public static final class Capture extends javax.net.SocketFactory {
        static volatile Properties seen;

        public Capture(Properties info) {
            seen = info;
            throw new IllegalStateException("captured");
        }

        @Override
        public java.net.Socket createSocket(String h, int p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.net.Socket createSocket(String h, int p, java.net.InetAddress a, int lp) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress h, int p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress h, int p, java.net.InetAddress a, int lp) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * The migration Job connects as the migration role (MIGRATE_DB_USER) through the same URL: the connector's
     * properties must reach the socket factory there too (a PGSimpleDataSource drops them).
     */
    @Test
    void theMigrationRoleConnectsWithTheConnectorsProperties() {
        String url = GCP_URL.replace("com.google.cloud.sql.postgres.SocketFactory", Capture.class.getName());
        Capture.seen = null;
        var cfg = AppConfig.fromEnvironment(java.util.Map.of("DATABASE_URL", url, "DATABASE_USER", "counter_app",
                "DATABASE_PASSWORD", "pw", "MIGRATE_DB_USER", "counter", "MIGRATE_DB_PASSWORD", "pw2",
                "MIGRATE_ONLY", "true"));
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> CounterApp.migrateOnly(cfg));
        assertNotNull(Capture.seen, "the migration connected through the URL's socket factory");
        assertEquals("strata-dev-4711:us-central1:db", Capture.seen.getProperty("cloudSqlInstance"));
        assertEquals("PRIVATE", Capture.seen.getProperty("ipTypes"));
    }
}
