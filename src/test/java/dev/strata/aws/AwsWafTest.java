package dev.strata.aws;

import dev.strata.support.Props;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsWafTest {

    @Test
    void cloudFrontScopedAclWithManagedGroupsAndARateLimit() {
        var run = MockRun.run(AwsFixture.dev(), ctx -> new AwsWaf("waf", new AwsWaf.Args(2000,
                new Provider("use1", ProviderArgs.builder().region("us-east-1").build())), ComponentResourceOptions.Empty));
        var acl = run.mocks().one("aws:wafv2/webAcl:WebAcl");
        assertEquals("CLOUDFRONT", acl.inputs.get("scope"));
        assertTrue(acl.provider.contains("use1"));
        var rules = list(acl.inputs.get("rules"));
        assertEquals(4, rules.size());
        var text = rules.toString();
        for (String group : AwsWaf.MANAGED_GROUPS) {
            assertTrue(text.contains(group), group);
        }
        var rate = map(map(map(rules.get(3)).get("statement")).get("rateBasedStatement"));
        assertEquals(2000, Props.num(rate.get("limit")));
        assertTrue(map(map(rules.get(3)).get("action")).containsKey("block"));
    }
}
