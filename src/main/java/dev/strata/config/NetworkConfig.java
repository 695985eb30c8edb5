package dev.strata.config;

/**
 * Network settings.
 *
 * @param vpcCidr the address space of the stack's VPC; subnets are carved from it
 */
public record NetworkConfig(Cidr vpcCidr) {
}
