package dev.strata.config;

/**
 * How the deployer reaches the Kubernetes API it deploys the Helm releases, the StorageClass and the workload
 * through ({@code strata:clusterApiAccess}).
 */
public enum ApiAccess {
    /**
     * A public endpoint admitting only {@code clusterApiAllowedCidrs} (never the whole internet) plus, with
     * {@code clusterApiAllowDeployer}, the deployer's own egress address; nodes use the private endpoint.
     */
    PUBLIC,
    /**
     * A private endpoint only: the deployment declares that it runs inside the network (a runner in the private
     * subnets, or a network routed to them); see docs/architecture.md "Cluster API access".
     */
    PRIVATE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
