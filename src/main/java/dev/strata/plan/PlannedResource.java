package dev.strata.plan;

import java.util.List;
import java.util.Map;

/**
 * One resource of a plan, in the {@code plan.json} contract (schema version {@value PlanJson#SCHEMA_VERSION}):
 * URN, type token, logical name, parent URN (null for the stack), explicit provider URN (null if none),
 * the id the mock cloud gave it ({@value WireValues#UNKNOWN} in a preview plan), the inputs the engine
 * received (secrets masked, preview unknowns marked), the URNs it waits for ({@code dependsOn} and every
 * resource its inputs came from, parent not included), those per input, and its resource options.
 */
public record PlannedResource(String urn, String type, String name, String parent, String provider, String id,
                              Map<String, Object> props, List<String> dependencies,
                              Map<String, List<String>> propertyDependencies, ResourceOptions options) {

    /** Component resources are everything that is neither custom nor a provider nor the stack. */
    public boolean isComponent() {
        return type.startsWith("strata:");
    }

    /** True when this resource waits for {@code urn}, directly. */
    public boolean dependsOn(String urn) {
        return dependencies.contains(urn);
    }
}
