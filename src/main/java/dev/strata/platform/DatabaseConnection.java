package dev.strata.platform;

import com.pulumi.core.Output;

/**
 * How the workload reaches the stack's PostgreSQL, handed across the platform contract. Every value is
 * ready when handed out: the host resolves only after the network rule admitting the cluster exists.
 *
 * @param host            private DNS name of the primary
 * @param port            PostgreSQL port
 * @param database        database name
 * @param username        application user
 * @param password        the user's password, a secret
 * @param secretReference where the same credentials live in the cloud's secret manager (ARN / resource name)
 */
public record DatabaseConnection(Output<String> host, Output<Integer> port, String database, String username,
                                 Output<String> password, Output<String> secretReference) {

    /** The JDBC URL the counter service takes ({@code DATABASE_URL}), TLS required. */
    public Output<String> jdbcUrl() {
        return Output.tuple(host, port).applyValue(t -> "jdbc:postgresql://" + t.t1 + ":" + t.t2 + "/" + database
                + "?sslmode=require");
    }
}
