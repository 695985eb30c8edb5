package dev.strata.aws;

import java.util.List;
import java.util.Map;

/**
 * A kubeconfig for an EKS cluster that holds no credential: the token comes from
 * {@code aws eks get-token} at use, with whatever AWS identity runs it.
 */
final class Kubeconfig {
    private Kubeconfig() {
    }

    static String of(String clusterName, String region, String endpoint, String caData) {
        return Policies.json(Map.of(
                "apiVersion", "v1",
                "kind", "Config",
                "clusters", List.of(Map.of("name", clusterName, "cluster", Map.of(
                        "server", endpoint, "certificate-authority-data", caData))),
                "contexts", List.of(Map.of("name", clusterName, "context", Map.of(
                        "cluster", clusterName, "user", clusterName))),
                "current-context", clusterName,
                "users", List.of(Map.of("name", clusterName, "user", Map.of("exec", Map.of(
                        "apiVersion", "client.authentication.k8s.io/v1beta1",
                        "command", "aws",
                        "args", List.of("eks", "get-token", "--cluster-name", clusterName, "--region", region,
                                "--output", "json")))))));
    }
}
