package dev.strata.config;

/**
 * One node pool, keyed by {@code name} in {@code strata:nodePools}.
 *
 * @param name        the pool's key; part of resource names, so DNS-label safe
 * @param machineType instance/machine type for the stack's cloud (from {@code awsInstanceType} or
 *                    {@code gcpMachineType})
 * @param minSize     autoscaling lower bound
 * @param desiredSize initial node count
 * @param maxSize     autoscaling upper bound
 */
public record NodePoolConfig(String name, String machineType, int minSize, int desiredSize, int maxSize) {
}
