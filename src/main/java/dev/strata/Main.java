package dev.strata;

import com.pulumi.Pulumi;
import dev.strata.config.EngineConfig;
import dev.strata.config.StackConfigLoader;

/** Entry point under {@code pulumi up/preview}: load and validate config, then build. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> Infra.build(ctx, StackConfigLoader.load(EngineConfig.source(ctx))));
    }
}
