package dev.strata.aws;

/**
 * The managed collector's Prometheus scrape configuration: every pod annotated {@code prometheus.io/scrape: "true"},
 * at the port and path of its {@code prometheus.io/port} and {@code prometheus.io/path} annotations, labelled with
 * namespace, pod and workload component. The collector accepts only this YAML (AMP user guide, "Scraper
 * configuration"); it is written as text because the format is Prometheus's own.
 */
final class ScrapeConfig {
    private ScrapeConfig() {
    }

    static String yaml(int metricsPort) {
        return String.join("\n",
                "global:",
                "  scrape_interval: 30s",
                "scrape_configs:",
                "  - job_name: pod-annotations",
                "    kubernetes_sd_configs:",
                "      - role: pod",
                "    relabel_configs:",
                "      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]",
                "        action: keep",
                "        regex: \"true\"",
                "      - source_labels: [__meta_kubernetes_pod_container_port_number]",
                "        action: keep",
                "        regex: \"" + metricsPort + "\"",
                "      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path]",
                "        action: replace",
                "        target_label: __metrics_path__",
                "        regex: (.+)",
                "      - source_labels: [__meta_kubernetes_namespace]",
                "        target_label: namespace",
                "      - source_labels: [__meta_kubernetes_pod_name]",
                "        target_label: pod",
                "      - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_component]",
                "        target_label: component",
                "");
    }
}
