package dev.strata.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.support.Fixtures;

import java.util.List;
import java.util.Map;

/** Shared inputs for AWS component tests. */
final class AwsFixture {
    static final AwsAccount ACCOUNT = new AwsAccount("123456789012", "us-east-1",
            new java.util.LinkedHashMap<>(Map.of("us-east-1a", "use1-az1", "us-east-1b", "use1-az2",
                    "us-east-1c", "use1-az4")), "pl-3b927c52");

    private AwsFixture() {
    }

    static StackConfig dev() {
        return Fixtures.config("dev", Cloud.AWS);
    }

    static StackConfig prod() {
        return Fixtures.config("prod", Cloud.AWS);
    }

    static Output<String> key(String name) {
        return Output.of("arn:aws:kms:us-east-1:123456789012:key/" + name);
    }

    /** Parses a JSON document input (IAM policies and the like). */
    static JsonNode json(Object value) {
        try {
            return new ObjectMapper().readTree((String) value);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }



}
