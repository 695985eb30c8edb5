package dev.strata.random;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/**
 * A typed binding of the {@code random} provider's {@code RandomPassword}, written here because the
 * {@code com.pulumi:random} Java SDK is not available to the build. The engine fetches the provider
 * plugin at {@link #PLUGIN_VERSION}; the generated {@code result} (and its bcrypt hash) are secret
 * outputs, so they are encrypted in state and masked in every plan.
 */
@ResourceType(type = RandomPassword.TYPE)
public final class RandomPassword extends CustomResource {
    public static final String TYPE = "random:index/randomPassword:RandomPassword";
    /** The provider plugin version the engine installs for this resource. */
    public static final String PLUGIN_VERSION = "4.21.2";
    /** Outputs the engine must keep secret. */
    public static final List<String> SECRET_OUTPUTS = List.of("result", "bcryptHash");

    @Export(name = "result", refs = {String.class}, tree = "[0]")
    private Output<String> result;

    @Export(name = "bcryptHash", refs = {String.class}, tree = "[0]")
    private Output<String> bcryptHash;

    @Export(name = "length", refs = {Integer.class}, tree = "[0]")
    private Output<Integer> length;

    public RandomPassword(String name, RandomPasswordArgs args, CustomResourceOptions options) {
        super(TYPE, name, args, makeResourceOptions(options, null));
    }

    /**
     * The generated password, always a secret: the engine marks it through
     * {@code additionalSecretOutputs}, and the accessor marks it again so the program never depends
     * on the engine for that (the mock engine, for one, does not apply the option).
     */
    public Output<String> result() {
        return this.result.asSecret();
    }

    /** bcrypt hash of the password; a secret, like {@link #result()}. */
    public Output<String> bcryptHash() {
        return this.bcryptHash.asSecret();
    }

    public Output<Integer> length() {
        return this.length;
    }

    /**
     * Pins the plugin version and marks the secret outputs, merged with the caller's options (the
     * caller's win where both set a value). Same shape and name as in the generated SDKs, so the plan's
     * secret masking reads it the same way.
     */
    static CustomResourceOptions makeResourceOptions(CustomResourceOptions options,
                                                     Output<String> id) {
        var defaults = CustomResourceOptions.builder()
                .additionalSecretOutputs(SECRET_OUTPUTS)
                .version(PLUGIN_VERSION)
                .id(id)
                .build();
        return CustomResourceOptions.merge(defaults, options, id);
    }
}
