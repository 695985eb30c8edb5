package dev.strata.support;

import com.pulumi.test.Mocks;
import dev.strata.plan.PlanMocks;

import java.util.List;
import java.util.Map;

/**
 * The planner's mocks (deterministic ids, echoed inputs, realistic computed outputs and invoke
 * answers by token) with the lookups tests need on the recorded registrations.
 */
public final class RecordingMocks extends PlanMocks {

    public RecordingMocks(String region, String project) {
        super(region, project);
    }

    /** The inputs the engine received for the resource with this type and name; fails if absent. */
    public Map<String, Object> inputs(String type, String name) {
        return args(type, name).inputs;
    }

    public Mocks.ResourceArgs args(String type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type + " named " + name
                + " was registered; registered: " + recorded().stream().map(r -> r.type + " " + r.name).toList()));
    }

    /** Every registration of a type. */
    public List<Mocks.ResourceArgs> ofType(String type) {
        return recorded().stream().filter(r -> r.type.equals(type)).toList();
    }

    /** The only registration of a type; fails if there is not exactly one. */
    public Mocks.ResourceArgs one(String type) {
        var all = ofType(type);
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one " + type + ", found " + all.size());
        }
        return all.get(0);
    }
}
