package dev.strata.platform;

import java.util.Map;

/**
 * A workload Service the platform's load balancer must reach.
 *
 * @param namespace Kubernetes namespace
 * @param name      Service name
 * @param role      workload role ({@code web}, {@code api}), which the platform maps to its backends
 * @param port      Service port (equal to the container port)
 * @param selector  labels of the Service's pods
 */
public record ServiceRef(String namespace, String name, String role, int port, Map<String, String> selector) {
}
