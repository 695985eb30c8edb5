package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.Provider;
import com.pulumi.gcp.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.platform.Labels;
import dev.strata.platform.Platform;

import java.util.Map;

/**
 * The GCP implementation of the {@link Platform} contract. Creates the explicit {@code gcp} provider
 * for the stack's project and region, with the {@link Labels} (made label-safe) as default labels; every
 * GCP resource of the stack is created through it. The capability components hang below.
 */
public final class GcpPlatform extends ComponentResource implements Platform {
    public static final String TYPE = "strata:gcp:GcpPlatform";

    private final String region;
    private final String project;
    private final Provider provider;

    public GcpPlatform(String name, StackConfig cfg, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        this.region = cfg.region();
        this.project = cfg.gcpProject().orElseThrow();
        this.provider = new Provider(name + "-gcp", ProviderArgs.builder()
                .project(project)
                .region(region)
                .defaultLabels(Labels.gcp(Labels.of(cfg)))
                .build(), CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of("region", Output.of(region), "project", Output.of(project)));
    }

    /** The explicit provider every GCP resource of this stack must use. */
    public Provider provider() {
        return provider;
    }

    /** The GCP project id of the stack. */
    public String project() {
        return project;
    }

    @Override
    public Cloud cloud() {
        return Cloud.GCP;
    }

    @Override
    public String region() {
        return region;
    }

    // The GCP capability components (network, GKE, Cloud SQL, edge) are not built yet: the contract's
    // cluster, database and edge values do not exist on GCP, and asking for them fails loudly.
    @Override
    public com.pulumi.kubernetes.Provider kubernetes() {
        throw notYet("Kubernetes cluster");
    }

    @Override
    public dev.strata.platform.DatabaseConnection database() {
        throw notYet("database");
    }

    @Override
    public Output<String> publicUrl() {
        throw notYet("edge");
    }

    private static IllegalStateException notYet(String what) {
        return new IllegalStateException("the GCP platform does not provision a " + what + " yet");
    }

    @Override
    public Map<String, Output<?>> outputs() {
        return Map.of("cloud", Output.of(cloud().id()), "region", Output.of(region), "gcpProject",
                Output.of(project));
    }
}
