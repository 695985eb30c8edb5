package dev.strata.plan;

import java.util.Map;

/**
 * One resource of a plan, in the {@code plan.json} contract: URN, type token, logical name, parent
 * URN (null for the stack), explicit provider URN (null if none), the id the mock cloud gave it (what
 * other resources' inputs refer to, so policies can join) and the inputs the engine received, secrets
 * masked.
 */
public record PlannedResource(String urn, String type, String name, String parent, String provider, String id,
                              Map<String, Object> props) {

    /** Component resources are everything that is neither custom nor a provider nor the stack. */
    public boolean isComponent() {
        return type.startsWith("strata:");
    }
}
