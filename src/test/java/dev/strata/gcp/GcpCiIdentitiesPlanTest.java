package dev.strata.gcp;

import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI identities in the whole plans of dev and prod with {@code ciGithubRepo} set: the deploy identity has a role
 * for every module of the plan, may grant every role the stack grants on its project (and nothing else), and the
 * stack exports what the GitHub environments need.
 */
class GcpCiIdentitiesPlanTest {

    static Plan plan(String stack) {
        return Planner.plan(Fixtures.config(stack, Cloud.GCP, Map.of("ciGithubRepo", "acme/strata",
                "ciGithubRepoId", "123456789", "ciGithubOwnerId", "987654")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDeployIdentityCoversEveryModuleAndMayGrantExactlyTheStacksProjectRoles(String stack) {
        var plan = plan(stack);
        var uncovered = new TreeSet<String>();
        for (var r : plan.resources()) {
            if (r.type().startsWith("gcp:") && !r.isComponent() && !r.type().startsWith("gcp:index/")) {
                String module = r.type().substring(4, r.type().indexOf('/'));
                if (!GcpCiRoles.DEPLOY.containsKey(module)) {
                    uncovered.add(r.type());
                }
            }
        }
        assertEquals(new TreeSet<String>(), uncovered, "add the modules' admin roles to GcpCiRoles.DEPLOY");
        String project = "strata-" + stack + "-4711";
        var granted = new TreeSet<String>();
        for (var r : plan.ofType("gcp:projects/iAMMember:IAMMember")) {
            if (!r.name().contains("-registry-deployer-") && !r.name().contains("-registry-previewer-")) {
                granted.add(String.valueOf(r.props().get("role")));
            }
        }
        var delegable = new TreeSet<>(GcpCiRoles.delegable(project, "strata-" + stack));
        assertTrue(delegable.containsAll(granted), "the deploy could not grant " + granted + " within " + delegable);
        // every delegable role is one the stack grants (prod's backups grant the custom role; dev has no export)
        var spare = new TreeSet<>(delegable);
        spare.removeAll(granted);
        spare.removeIf(r -> r.endsWith("_backups_sql_export") && stack.equals("dev"));
        assertEquals(new TreeSet<String>(), spare, "delegable roles the stack never grants");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theStackExportsTheProviderAndBothServiceAccounts(String stack) {
        var outputs = plan(stack).outputs();
        for (String key : new String[] {"ciWorkloadIdentityProvider", "ciDeployServiceAccount", "ciPreviewServiceAccount"}) {
            assertTrue(outputs.containsKey(key), key + " in " + outputs.keySet());
        }
    }
}
