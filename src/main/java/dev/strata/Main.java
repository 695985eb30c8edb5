package dev.strata;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import dev.strata.config.EngineConfig;
import dev.strata.config.StackConfig;
import dev.strata.config.StackConfigLoader;

import java.util.function.Function;

/** Entry point under {@code pulumi up/preview}: load and validate config, then build. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> program(ctx, System::getenv));
    }

    /**
     * The program as the engine runs it: config through {@code ctx.config()} (the {@code strata:} namespace,
     * typed and secret reads) plus the keys the CLI set ({@code env} is the process environment under the CLI;
     * the offline planner hands over the same variables built from the stack files). Returns the loaded config.
     */
    public static StackConfig program(Context ctx, Function<String, String> env) {
        StackConfig cfg = StackConfigLoader.load(EngineConfig.source(ctx, env));
        Infra.build(ctx, cfg);
        return cfg;
    }
}
