package dev.strata.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;
import java.util.Objects;

/**
 * Inputs of {@code random:index/randomPassword:RandomPassword}: only the ones the platform needs.
 * Property names are the provider schema's. Build with {@link #builder()}.
 */
public final class RandomPasswordArgs extends ResourceArgs {
    public static final RandomPasswordArgs Empty = new RandomPasswordArgs();

    @Import(name = "length", required = true)
    private Output<Integer> length;

    @Import(name = "special")
    private Output<Boolean> special;

    @Import(name = "overrideSpecial")
    private Output<String> overrideSpecial;

    @Import(name = "minLower")
    private Output<Integer> minLower;

    @Import(name = "minUpper")
    private Output<Integer> minUpper;

    @Import(name = "minNumeric")
    private Output<Integer> minNumeric;

    @Import(name = "keepers")
    private Output<Map<String, String>> keepers;

    private RandomPasswordArgs() {
    }

    public Output<Integer> length() {
        return length;
    }

    /**
     * A database password: 32 characters with at least two of each class, and only special characters that
     * survive connection strings, shells and YAML unquoted.
     */
    public static RandomPasswordArgs databasePassword() {
        return builder().length(32).special(true).overrideSpecial("-_=+.~").minLower(2).minUpper(2).minNumeric(2)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final RandomPasswordArgs a = new RandomPasswordArgs();

        /** Number of characters; required, at least 16 for a database password. */
        public Builder length(int length) {
            if (length < 16 || length > 128) {
                throw new IllegalArgumentException("length must be 16..128, got " + length);
            }
            a.length = Output.of(length);
            return this;
        }

        /** Whether to include special characters. */
        public Builder special(boolean special) {
            a.special = Output.of(special);
            return this;
        }

        /** The special characters allowed, e.g. without the ones a DSN or shell would mangle. */
        public Builder overrideSpecial(String chars) {
            a.overrideSpecial = Output.of(chars);
            return this;
        }

        public Builder minLower(int n) {
            a.minLower = Output.of(n);
            return this;
        }

        public Builder minUpper(int n) {
            a.minUpper = Output.of(n);
            return this;
        }

        public Builder minNumeric(int n) {
            a.minNumeric = Output.of(n);
            return this;
        }

        /** Values whose change forces a new password (rotation). */
        public Builder keepers(Map<String, String> keepers) {
            a.keepers = Output.of(Map.copyOf(keepers));
            return this;
        }

        public RandomPasswordArgs build() {
            Objects.requireNonNull(a.length, "RandomPasswordArgs.length is required");
            return a;
        }
    }
}
