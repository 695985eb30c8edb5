package dev.strata.plan;

import dev.strata.config.Cloud;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ordering the clouds need, asserted on the dependencies the engine receives (plan.json v2), for every stack,
 * full and preview plans alike. Each rule covers every resource of its kind, so the next one is covered too.
 */
class EngineOrderingTest {

    static Stream<Arguments> plans() {
        return Stream.of("dev", "prod").flatMap(s -> Stream.of(Cloud.values())
                .flatMap(c -> Stream.of(Arguments.of(s, c, false), Arguments.of(s, c, true))));
    }

    /**
     * Add-ons and controllers must run before any workload object: the load balancer controller's CRDs and webhook
     * (TargetGroupBinding), metrics-server (HPA), the node pools the pods land on; and on destroy the objects go
     * first, before the controller that clears their finalizers.
     */
    static final Set<String> READY_FOR_WORKLOADS = Set.of("kubernetes:helm.sh/v3:Release", "aws:eks/addon:Addon",
            "aws:eks/nodeGroup:NodeGroup", "gcp:container/nodePool:NodePool");

    @ParameterizedTest(name = "{0} {1} preview={2}")
    @MethodSource("plans")
    void everyWorkloadObjectWaitsForTheClustersAddOnsAndControllers(String stack, Cloud cloud, boolean preview) {
        Plan plan = EnginePlans.plan(stack, cloud, preview);
        var platformParts = plan.resources().stream().filter(r -> READY_FOR_WORKLOADS.contains(r.type()))
                .filter(r -> !r.urn().contains("strata:k8s:Workload")).map(PlannedResource::urn).toList();
        assertFalse(platformParts.isEmpty());
        var workload = plan.resources().stream().filter(r -> r.urn().contains("strata:k8s:Workload$")
                && r.type().startsWith("kubernetes:") && !r.type().startsWith("pulumi:providers")).toList();
        assertFalse(workload.isEmpty());
        for (PlannedResource object : workload) {
            var waits = EnginePlans.waitsFor(plan, object);
            for (String part : platformParts) {
                assertTrue(waits.contains(part), object.urn() + " must wait for " + part);
            }
        }
    }

    /** The Workload Identity pool {@code <project>.svc.id.goog} exists only once the cluster does (issue 13 #5). */
    @ParameterizedTest(name = "{0} {1} preview={2}")
    @MethodSource("plans")
    void everyWorkloadIdentityGrantWaitsForTheCluster(String stack, Cloud cloud, boolean preview) {
        Plan plan = EnginePlans.plan(stack, cloud, preview);
        var clusters = plan.ofType("gcp:container/cluster:Cluster").stream().map(PlannedResource::urn).toList();
        var grants = plan.resources().stream().filter(r -> r.type().startsWith("gcp:serviceaccount/iAM"))
                .filter(r -> String.valueOf(r.props().get("role")).equals("roles/iam.workloadIdentityUser")
                        || String.valueOf(r.props().get("members")).contains(".svc.id.goog")
                        || String.valueOf(r.props().get("member")).contains(".svc.id.goog")).toList();
        if (cloud == Cloud.GCP) {
            assertFalse(grants.isEmpty(), "the workload's service account is bound through Workload Identity");
        }
        for (PlannedResource g : grants) {
            assertTrue(EnginePlans.waitsFor(plan, g).containsAll(clusters), g.urn() + " must wait for the cluster");
        }
    }

    /**
     * A role's policies must be attached before the cluster or node group that uses it is created, and detached
     * only after it is gone (EKS cleans up its network interfaces with them; terraform-aws-eks depends_on).
     */
    @ParameterizedTest(name = "{0} {1} preview={2}")
    @MethodSource("plans")
    void clustersAndNodeGroupsWaitForTheirRolesPolicyAttachments(String stack, Cloud cloud, boolean preview) {
        Plan plan = EnginePlans.plan(stack, cloud, preview);
        var users = plan.resources().stream().filter(r -> r.type().equals("aws:eks/cluster:Cluster")
                || r.type().equals("aws:eks/nodeGroup:NodeGroup")).toList();
        for (PlannedResource user : users) {
            List<String> roles = user.propertyDependencies().entrySet().stream()
                    .filter(e -> e.getKey().equals("roleArn") || e.getKey().equals("nodeRoleArn"))
                    .flatMap(e -> e.getValue().stream()).toList();
            assertFalse(roles.isEmpty(), user.urn() + " uses a role");
            var attachments = plan.resources().stream()
                    .filter(r -> r.type().equals("aws:iam/rolePolicyAttachment:RolePolicyAttachment"))
                    .filter(r -> r.propertyDependencies().getOrDefault("role", List.of()).stream()
                            .anyMatch(roles::contains)).map(PlannedResource::urn).toList();
            assertFalse(attachments.isEmpty(), user.urn() + "'s role has policies attached");
            assertTrue(EnginePlans.waitsFor(plan, user).containsAll(attachments),
                    user.urn() + " must wait for " + attachments);
        }
    }
}
