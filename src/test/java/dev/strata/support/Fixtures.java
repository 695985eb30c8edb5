package dev.strata.support;

import dev.strata.config.Cloud;
import dev.strata.config.ConfigSource;
import dev.strata.config.StackConfig;
import dev.strata.config.StackConfigLoader;
import dev.strata.plan.StackFiles;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Stack configs for tests, loaded from the real {@code Pulumi.yaml} and stack files through the real
 * loader, so fixtures can never drift from what {@code pulumi up} would run.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The project directory (the repository root). */
    public static Path projectDir() {
        return Path.of(System.getProperty("strata.projectDir", ".")).toAbsolutePath().normalize();
    }

    public static StackConfig config(String stack, Cloud cloud) {
        return config(stack, cloud, Map.of());
    }

    /** The stack's config on {@code cloud}, with extra {@code strata:*} overrides (bare keys; they win). */
    public static StackConfig config(String stack, Cloud cloud, Map<String, String> overrides) {
        return StackConfigLoader.load(source(stack, cloud, overrides));
    }

    public static ConfigSource source(String stack, Cloud cloud, Map<String, String> overrides) {
        var all = new HashMap<String, String>();
        all.put("cloud", cloud.id());
        all.putAll(overrides);
        return StackFiles.source(projectDir(), stack, all);
    }

    /** Every committed stack on both clouds, for parameterized tests. */
    public static Stream<Arguments> stacksAndClouds() {
        return StackFiles.stacks(projectDir()).stream()
                .flatMap(s -> Stream.of(Cloud.values()).map(c -> Arguments.of(s, c)));
    }
}
