package dev.strata.config;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where stack config comes from: the engine under {@code pulumi up}, or the project and stack files
 * under {@code scripts/plan} and tests.
 *
 * @param project        Pulumi project name
 * @param stack          Pulumi stack name
 * @param get            looks up a key of the {@code strata} namespace (without the prefix); structured
 *                       values (arrays, objects) arrive as JSON text, as the engine hands them over
 * @param namespaceKeys  every key present in the {@code strata} namespace, to detect typos
 * @param secretKeys     the keys of the namespace the stack holds as secrets ({@code pulumi config set --secret})
 * @param deployerEgress the public IPv4 address the deployment runs from, asked only when
 *                       {@code strata:clusterApiAllowDeployer} is true (see {@link DeployerEgress})
 * @param today          the day of the run, for the Kubernetes support window
 */
public record ConfigSource(String project, String stack, Function<String, Optional<String>> get,
                           Set<String> namespaceKeys, Set<String> secretKeys, Supplier<String> deployerEgress,
                           LocalDate today) {
    public ConfigSource {
        namespaceKeys = Set.copyOf(namespaceKeys);
        secretKeys = Set.copyOf(secretKeys);
    }

    /** Offline sources (plans, tests): the deployer is the documentation address {@link DeployerEgress#PLANNER}. */
    public ConfigSource(String project, String stack, Function<String, Optional<String>> get,
                        Set<String> namespaceKeys, Set<String> secretKeys) {
        this(project, stack, get, namespaceKeys, secretKeys, () -> DeployerEgress.PLANNER,
                LocalDate.now(ZoneOffset.UTC));
    }

    public ConfigSource(String project, String stack, Function<String, Optional<String>> get,
                        Set<String> namespaceKeys) {
        this(project, stack, get, namespaceKeys, Set.of());
    }
}
