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
            assertTrue(rules.toString().contains("evaluatePreconfiguredWaf('" + waf + "', {'sensitivity': 1})"), waf);
        }
        var rate = map(rules.get(GcpArmor.WAF_RULES.size()));
        assertEquals("rate_based_ban", rate.get("action"));
        assertEquals(600, Props.num(map(map(rate.get("rateLimitOptions")).get("rateLimitThreshold")).get("count")));
        assertEquals("allow", map(rules.get(rules.size() - 1)).get("action"));
        assertEquals("CLOUD_ARMOR", policy.get("type"));
    }

    /**
     * Without an explicit sensitivity the API's default decides, and higher levels add signatures that flag
     * ordinary JSON. Every preconfigured rule names level 1, and JSON bodies are parsed as fields (so a
     * {@code POST /api/counter} with a JSON body is inspected value by value, not as raw text).
     */
    @Test
    void everyPreconfiguredRuleNamesTheLowestSensitivityAndJsonIsParsed() {
        var policy = MockRun.run(GcpFixture.dev(), ctx -> new GcpArmor("armor", new GcpArmor.Args(600),
                ComponentResourceOptions.Empty)).mocks().one("gcp:compute/securityPolicy:SecurityPolicy").inputs;
        var expressions = list(policy.get("rules")).stream().map(r -> map(map(r).get("match")))
                .filter(m -> m.containsKey("expr")).map(m -> String.valueOf(map(m.get("expr")).get("expression")))
                .toList();
        assertEquals(GcpArmor.WAF_RULES.size(), expressions.size());
        for (String e : expressions) {
            assertTrue(e.matches("evaluatePreconfiguredWaf\\('[a-z]+-v33-stable', \\{'sensitivity': 1\\}\\)"), e);
        }
        assertEquals("STANDARD", map(policy.get("advancedOptionsConfig")).get("jsonParsing"));
    }
}
