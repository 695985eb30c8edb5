package dev.strata.support;

import com.pulumi.Context;
import com.pulumi.test.TestResult;
import dev.strata.config.StackConfig;
import dev.strata.plan.Planner;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Runs a program (or one component) under the mock engine and hands back what was recorded. */
public final class MockRun {
    private MockRun() {
    }

    public record Recorded(RecordingMocks mocks, TestResult result) {
    }

    public static Recorded run(StackConfig cfg, BiConsumer<Context, StackConfig> program) {
        var mocks = new RecordingMocks(cfg.region(), cfg.gcpProject().orElse("no-project"));
        var result = Planner.run(cfg, mocks, program);
        return new Recorded(mocks, result);
    }

    public static Recorded run(StackConfig cfg, Consumer<Context> program) {
        return run(cfg, (ctx, c) -> program.accept(ctx));
    }
}
