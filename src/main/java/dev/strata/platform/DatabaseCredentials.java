package dev.strata.platform;

import com.pulumi.core.Output;

/**
 * One PostgreSQL login handed across the platform contract.
 *
 * @param username        the role's name
 * @param password        its generated password, a secret
 * @param secretReference where the same credentials live in the cloud's secret manager (ARN / resource name)
 */
public record DatabaseCredentials(String username, Output<String> password, Output<String> secretReference) {
}
