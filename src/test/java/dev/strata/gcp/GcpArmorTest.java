package dev.strata.gcp;

import dev.strata.support.Props;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpArmorTest {

    @Test
    void preconfiguredWafRulesRateLimitAndDefaultAllow() {
        var policy = MockRun.run(GcpFixture.dev(), ctx -> new GcpArmor("armor", new GcpArmor.Args(600),
                ComponentResourceOptions.Empty)).mocks().one("gcp:compute/securityPolicy:SecurityPolicy").inputs;
        var rules = list(policy.get("rules"));
        assertEquals(GcpArmor.WAF_RULES.size() + 2, rules.size());
        for (String waf : GcpArmor.WAF_RULES) {
            assertTrue(rules.toString().contains("evaluatePreconfiguredExpr('" + waf + "')"), waf);
        }
        var rate = map(rules.get(GcpArmor.WAF_RULES.size()));
        assertEquals("rate_based_ban", rate.get("action"));
        assertEquals(600, Props.num(map(map(rate.get("rateLimitOptions")).get("rateLimitThreshold")).get("count")));
        assertEquals("allow", map(rules.get(rules.size() - 1)).get("action"));
        assertEquals("CLOUD_ARMOR", policy.get("type"));
    }
}
