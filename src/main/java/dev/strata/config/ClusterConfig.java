package dev.strata.config;

import java.util.List;
import java.util.SortedMap;

/**
 * Managed Kubernetes settings.
 *
 * @param kubernetesVersion  control-plane minor version, e.g. {@code 1.35}, inside {@link KubernetesVersions}
 * @param apiAccess          how the deployer reaches the API endpoint
 * @param apiAllowedCidrs    networks the public endpoint admits (the deployer's address already added when asked);
 *                           empty exactly when {@code apiAccess} is private
 * @param nodePools          node pools keyed (and sorted) by name
 */
public record ClusterConfig(String kubernetesVersion, ApiAccess apiAccess, List<Cidr> apiAllowedCidrs,
                            SortedMap<String, NodePoolConfig> nodePools) {
    public ClusterConfig {
        apiAllowedCidrs = List.copyOf(apiAllowedCidrs);
        nodePools = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(nodePools));
        if ((apiAccess == ApiAccess.PRIVATE) != apiAllowedCidrs.isEmpty()) {
            throw new IllegalArgumentException("apiAccess " + apiAccess.id() + " with apiAllowedCidrs "
                    + apiAllowedCidrs + ": a public endpoint needs an allow-list, a private one none");
        }
    }
}
