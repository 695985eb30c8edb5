package dev.strata.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * A typed binding of the {@code random} provider's {@code RandomId}: random bytes, stable for the life
 * of the resource, for names that must be unique over time (a final snapshot). Not secret. Same plugin
 * version as {@link RandomPassword}.
 */
@ResourceType(type = RandomId.TYPE)
public final class RandomId extends CustomResource {
    public static final String TYPE = "random:index/randomId:RandomId";

    /** Inputs: the number of random bytes and the values whose change forces new bytes. */
    public static final class Args extends ResourceArgs {
        @Import(name = "byteLength", required = true)
        private final Output<Integer> byteLength;

        @Import(name = "keepers")
        private final Output<Map<String, String>> keepers;

        public Args(int byteLength, Map<String, String> keepers) {
            if (byteLength < 4 || byteLength > 32) {
                throw new IllegalArgumentException("byteLength must be 4..32, got " + byteLength);
            }
            this.byteLength = Output.of(byteLength);
            this.keepers = Output.of(Map.copyOf(keepers));
        }
    }

    @Export(name = "hex", refs = {String.class}, tree = "[0]")
    private Output<String> hex;

    public RandomId(String name, Args args, CustomResourceOptions options) {
        super(TYPE, name, args, CustomResourceOptions.merge(
                CustomResourceOptions.builder().version(RandomPassword.PLUGIN_VERSION).build(), options, null));
    }

    /** The random bytes as lower-case hex, two characters per byte. */
    public Output<String> hex() {
        return hex;
    }
}
