package dev.strata.plan;

import dev.strata.config.Cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of running the program under the mock engine: every resource (sorted by URN) and the
 * stack outputs, secrets masked; {@code preview} when it is the plan of a {@code pulumi preview} on a stack with
 * no state (provider-computed values unknown). Serialised by {@link PlanJson}.
 */
public record Plan(String project, String stack, Cloud cloud, boolean preview, List<PlannedResource> resources,
                   Map<String, Object> outputs) {

    public Optional<PlannedResource> byUrn(String urn) {
        return resources.stream().filter(r -> r.urn().equals(urn)).findFirst();
    }

    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public List<PlannedResource> childrenOf(String urn) {
        return resources.stream().filter(r -> urn.equals(r.parent())).toList();
    }
}
