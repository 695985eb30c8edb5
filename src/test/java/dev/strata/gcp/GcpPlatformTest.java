package dev.strata.gcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.Cloud;
import dev.strata.support.Fixtures;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GcpPlatformTest {

    @Test
    void createsTheExplicitProviderForProjectAndRegionWithDefaultLabels() throws Exception {
        var cfg = Fixtures.config("dev", Cloud.GCP, Map.of("gcpRegion", "europe-west4", "costCenter", "r_and_d"));
        var run = MockRun.run(cfg, ctx -> new GcpPlatform("strata-dev", cfg, ComponentResourceOptions.Empty));

        run.mocks().one(GcpPlatform.TYPE);
        var provider = run.mocks().inputs("pulumi:providers:gcp", "strata-dev-gcp");
        assertEquals("strata-dev-4711", provider.get("project"));
        assertEquals("europe-west4", provider.get("region"));
        var labels = new ObjectMapper().readTree((String) provider.get("defaultLabels"));
        assertEquals("r_and_d", labels.path("cost-center").asText());
        assertEquals("platform", labels.path("owner").asText());
        assertEquals("dev", labels.path("stack").asText());
        assertEquals("strata", labels.path("project").asText());
    }
}
