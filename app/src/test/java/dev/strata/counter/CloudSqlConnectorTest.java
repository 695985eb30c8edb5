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
}
