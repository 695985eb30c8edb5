package dev.strata;

import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** The whole program, for every committed stack on both clouds. */
class InfraTest {

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dev.strata.support.Fixtures#stacksAndClouds")
    void buildsOnePlatformOfTheStacksCloudAndNothingOfTheOther(String stack, Cloud cloud) {
        Plan plan = Planner.plan(Fixtures.config(stack, cloud));
        String own = cloud.id();
        String other = cloud == Cloud.AWS ? "gcp" : "aws";

        assertEquals(1, plan.ofType("pulumi:pulumi:Stack").size());
        assertEquals(1, plan.ofType("strata:" + own + ":" + (cloud == Cloud.AWS ? "AwsPlatform" : "GcpPlatform"))
                .size());
        assertTrue(plan.ofType("pulumi:providers:" + own).stream()
                .anyMatch(p -> p.name().equals("strata-" + stack + "-" + own)), "the stack's own provider");
        for (PlannedResource r : plan.resources()) {
            assertTrue(!r.type().startsWith(other + ":") && !r.type().startsWith("strata:" + other + ":")
                    && !r.type().equals("pulumi:providers:" + other), "resource of the other cloud: " + r.urn());
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dev.strata.support.Fixtures#stacksAndClouds")
    void everyResourceHangsBelowAComponentAndUsesTheExplicitProvider(String stack, Cloud cloud) {
        Plan plan = Planner.plan(Fixtures.config(stack, cloud));
        for (PlannedResource r : plan.resources()) {
            if (r.type().equals("pulumi:pulumi:Stack")) {
                continue;
            }
            assertNotNull(r.parent(), r.urn() + " has no parent");
            if (!r.isComponent()) {
                assertTrue(hasComponentAncestor(plan, r), r.urn() + " is outside every component");
            }
            if (r.type().startsWith("aws:") || r.type().startsWith("gcp:")) {
                String providerType = "pulumi:providers:" + r.type().substring(0, 3);
                assertNotNull(r.provider(), r.urn() + " uses the default provider");
                assertEquals(providerType, plan.byUrn(r.provider()).orElseThrow().type());
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dev.strata.support.Fixtures#stacksAndClouds")
    void exportsTheRequiredOutputs(String stack, Cloud cloud) {
        Plan plan = Planner.plan(Fixtures.config(stack, cloud));
        Set<String> required = cloud == Cloud.AWS ? Set.of("cloud", "region", "environment")
                : Set.of("cloud", "region", "environment", "gcpProject");
        assertTrue(plan.outputs().keySet().containsAll(required), "outputs: " + plan.outputs().keySet());
        assertEquals(cloud.id(), plan.outputs().get("cloud"));
        assertEquals(stack.equals("prod") ? "prod" : "dev", plan.outputs().get("environment"));
    }

    private static boolean hasComponentAncestor(Plan plan, PlannedResource r) {
        String parent = r.parent();
        for (int depth = 0; parent != null && depth < 50; depth++) {
            PlannedResource p = plan.byUrn(parent).orElseThrow(() -> new AssertionError("dangling parent"));
            if (p.isComponent()) {
                return true;
            }
            parent = p.parent();
        }
        return false;
    }

}
