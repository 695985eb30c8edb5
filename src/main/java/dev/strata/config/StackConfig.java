package dev.strata.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of one stack, already resolved for its cloud (region, machine
 * types, database class). Built only by {@link StackConfigLoader}; components receive the parts they
 * need, never the raw config.
 *
 * @param project     Pulumi project name
 * @param stack       Pulumi stack name
 * @param cloud       the cloud this stack runs on
 * @param environment dev or prod rules
 * @param region      region of the selected cloud ({@code awsRegion} or {@code gcpRegion})
 * @param gcpProject  GCP project id, present whenever {@code cloud} is GCP
 */
public record StackConfig(String project, String stack, Cloud cloud, Environment environment,
                          String region, Optional<String> gcpProject,
                          NetworkConfig network, ClusterConfig cluster, DatabaseConfig database,
                          AppConfig app, EdgeConfig edge, BackupConfig backup,
                          ObservabilityConfig observability, Ownership ownership, CiConfig ci) {

    public StackConfig {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(region, "region");
        if (cloud == Cloud.GCP && gcpProject.isEmpty()) {
            throw new IllegalArgumentException("cloud gcp needs gcpProject");
        }
    }
}
