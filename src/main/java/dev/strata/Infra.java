package dev.strata;

import com.pulumi.Context;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.aws.AwsPlatform;
import dev.strata.config.StackConfig;
import dev.strata.gcp.GcpPlatform;
import dev.strata.k8s.Workload;
import dev.strata.k8s.WorkloadSpec;
import dev.strata.platform.Naming;
import dev.strata.platform.Platform;

/**
 * The program: builds the platform of the stack's cloud, deploys the workload onto it through the
 * cloud-neutral contract, attaches it to the edge and exports the outputs. The seam every
 * test and the offline planner call; {@link Main} only loads config. This is the one place that
 * branches on the cloud.
 */
public final class Infra {
    private Infra() {
    }

    public static Platform build(Context ctx, StackConfig cfg) {
        var naming = new Naming(cfg.project(), cfg.stack());
        Platform platform = switch (cfg.cloud()) {
            case AWS -> new AwsPlatform(naming.prefix(), cfg, ComponentResourceOptions.Empty);
            case GCP -> new GcpPlatform(naming.prefix(), cfg, ComponentResourceOptions.Empty);
        };
        var workload = new Workload(naming.prefix() + "-app", new Workload.Args(
                new WorkloadSpec(naming.appNamespace(), cfg.project(), cfg.app(), cfg.environment().isProd()),
                platform.database(), platform.workloadBindings(), platform.kubernetes(),
                platform.readyForWorkloads()),
                ComponentResourceOptions.Empty);
        platform.expose(workload.backends());
        ctx.export("environment", com.pulumi.core.Output.of(cfg.environment().id()));
        platform.outputs().forEach(ctx::export);
        return platform;
    }
}
