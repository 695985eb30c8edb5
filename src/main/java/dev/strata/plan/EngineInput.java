package dev.strata.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the Pulumi CLI hands a program: the stack's config as {@code <namespace>:<key>} to text (structured
 * values as JSON text), the secret keys among them, and the same two as the {@code PULUMI_CONFIG} and
 * {@code PULUMI_CONFIG_SECRET_KEYS} environment variables. {@code mockRegion}/{@code mockProject} only shape
 * the mock cloud's answers (ARNs, zone names); the program reads its own config.
 */
public record EngineInput(String project, String stack, Map<String, String> values, Set<String> secretKeys,
                          String mockRegion, String mockProject) {
    static final EngineInput NONE = new EngineInput("", "", Map.of(), Set.of(), "", "");
    private static final ObjectMapper JSON = new ObjectMapper();

    public EngineInput {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
    }

    /** The environment variable of this name as the CLI would set it for the program (null when unset). */
    public String env(String name) {
        try {
            return switch (name) {
                case "PULUMI_CONFIG" -> JSON.writeValueAsString(new TreeMap<>(values));
                case "PULUMI_CONFIG_SECRET_KEYS" -> JSON.writeValueAsString(new TreeSet<>(secretKeys));
                // offline, the deployer is a documentation address: no lookup leaves the machine
                case dev.strata.config.DeployerEgress.ENV -> dev.strata.config.DeployerEgress.PLANNER;
                default -> null;
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
