package dev.strata.config;

import java.util.List;
import java.util.SortedMap;

/**
 * Managed Kubernetes settings.
 *
 * @param kubernetesVersion  control-plane minor version, e.g. {@code 1.30}
 * @param apiAllowedCidrs    networks allowed to reach the public API endpoint; empty means private only
 * @param nodePools          node pools keyed (and sorted) by name
 */
public record ClusterConfig(String kubernetesVersion, List<Cidr> apiAllowedCidrs,
                            SortedMap<String, NodePoolConfig> nodePools) {
    public ClusterConfig {
        apiAllowedCidrs = List.copyOf(apiAllowedCidrs);
        nodePools = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(nodePools));
    }
}
