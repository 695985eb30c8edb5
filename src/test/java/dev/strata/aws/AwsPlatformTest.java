package dev.strata.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.Cloud;
import dev.strata.support.Fixtures;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AwsPlatformTest {

    @Test
    void createsTheExplicitProviderForTheRegionWithDefaultTags() throws Exception {
        var cfg = Fixtures.config("prod", Cloud.AWS, Map.of("awsRegion", "eu-west-1", "owner", "payments"));
        var run = MockRun.run(cfg, ctx -> new AwsPlatform("strata-prod", cfg, ComponentResourceOptions.Empty));

        var component = run.mocks().one(AwsPlatform.TYPE);
        assertEquals("strata-prod", component.name);
        var provider = run.mocks().inputs("pulumi:providers:aws", "strata-prod-aws");
        assertEquals("eu-west-1", provider.get("region"));
        var tags = new ObjectMapper().readTree((String) provider.get("defaultTags")).path("tags");
        assertEquals("payments", tags.path("owner").asText());
        assertEquals("strata", tags.path("project").asText());
        assertEquals("prod", tags.path("stack").asText());
        assertEquals("engineering", tags.path("cost-center").asText());
    }
}
