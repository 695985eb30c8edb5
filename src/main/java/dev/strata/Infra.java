package dev.strata;

import com.pulumi.Context;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.aws.AwsPlatform;
import dev.strata.config.StackConfig;
import dev.strata.gcp.GcpPlatform;
import dev.strata.platform.Naming;
import dev.strata.platform.Platform;

/**
 * The program: builds the platform of the stack's cloud and exports its outputs. The seam every
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
        ctx.export("environment", com.pulumi.core.Output.of(cfg.environment().id()));
        platform.outputs().forEach(ctx::export);
        return platform;
    }
}
