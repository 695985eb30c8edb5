package dev.strata.gcp;

import com.pulumi.core.Output;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.support.Fixtures;

import java.util.List;
import java.util.function.Function;

/** Shared inputs for GCP component tests. */
final class GcpFixture {
    static final List<String> ZONES = List.of("us-central1-a", "us-central1-b", "us-central1-c");
    static final GcpProject PROJECT = new GcpProject("strata-dev-4711", Output.of("100000000001"), "us-central1",
            Output.of(ZONES));

    private GcpFixture() {
    }

    static StackConfig dev() {
        return Fixtures.config("dev", Cloud.GCP);
    }

    static StackConfig prod() {
        return Fixtures.config("prod", Cloud.GCP);
    }

    static Output<String> key(String name) {
        return keyIn("us-central1", name);
    }

    static Output<String> keyIn(String location, String name) {
        return Output.of("projects/strata-dev-4711/locations/" + location + "/keyRings/r/cryptoKeys/" + name);
    }

    /** The data key of each location, named after its location. */
    static Function<String, Output<String>> dataKeys() {
        return location -> keyIn(location, "data");
    }
}
