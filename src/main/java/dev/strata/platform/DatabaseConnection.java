package dev.strata.platform;

import com.pulumi.core.Output;

/**
 * How the workload reaches the stack's PostgreSQL, handed across the platform contract. Every value is
 * ready when handed out: the host resolves only after the network rule admitting the cluster exists.
 * Two logins, least privilege: the master ({@code admin}) is given only to the migration step, which migrates the
 * schema and creates the application role with the {@code app} credentials; the serving pods get only
 * {@code app} (data access to the application's tables, no DDL, no role management).
 *
 * @param host     private DNS name or address of the primary
 * @param port     PostgreSQL port
 * @param database database name
 * @param admin    the master user, for the migration step only
 * @param app      the application role the migration step creates, for the serving pods
 * @param jdbcUrl  the JDBC URL the counter service takes ({@code DATABASE_URL}); by default TLS to host:port, a
 *                 cloud may hand another (GCP: through the Cloud SQL Java connector, its instance requires client
 *                 certificates)
 */
public record DatabaseConnection(Output<String> host, Output<Integer> port, String database,
                                 DatabaseCredentials admin, DatabaseCredentials app, Output<String> jdbcUrl) {

    public DatabaseConnection {
        if (admin.username().equals(app.username())) {
            throw new IllegalArgumentException("the application role must differ from the master user "
                    + admin.username());
        }
    }

    /** A connection over TLS to host:port ({@code sslmode=require}). */
    public DatabaseConnection(Output<String> host, Output<Integer> port, String database,
                              DatabaseCredentials admin, DatabaseCredentials app) {
        this(host, port, database, admin, app, Output.tuple(host, port).applyValue(t -> "jdbc:postgresql://" + t.t1
                + ":" + t.t2 + "/" + database + "?sslmode=require"));
    }
}
