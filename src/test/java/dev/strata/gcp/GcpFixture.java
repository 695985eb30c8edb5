package dev.strata.gcp;

import com.pulumi.core.Output;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.support.Fixtures;

import java.util.List;
import java.util.Map;

/** Shared inputs for GCP component tests. */
final class GcpFixture {
    static final GcpProject PROJECT = new GcpProject("strata-dev-4711", "100000000001", "us-central1",
            List.of("us-central1-a", "us-central1-b", "us-central1-c"));

    private GcpFixture() {
    }

    static StackConfig dev() {
        return Fixtures.config("dev", Cloud.GCP);
    }

    static StackConfig prod() {
        return Fixtures.config("prod", Cloud.GCP);
    }

    static Output<String> key(String name) {
        return Output.of("projects/strata-dev-4711/locations/us-central1/keyRings/r/cryptoKeys/" + name);
    }



}
