package dev.strata.platform;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;

/**
 * A Kubernetes Secret: a {@link KubeObject} whose {@code data} and {@code stringData} are secret outputs,
 * so the engine encrypts them in state and every plan masks them.
 */
@ResourceType(type = "kubernetes:core/v1:Secret")
public final class KubeSecret extends KubeObject {

    public KubeSecret(String name, Args args, CustomResourceOptions options) {
        super(name, args, makeResourceOptions(options, null));
    }

    /** The secret payload fields merged with the caller's options; same shape as the generated SDKs. */
    static CustomResourceOptions makeResourceOptions(CustomResourceOptions options, Output<String> id) {
        return CustomResourceOptions.merge(CustomResourceOptions.builder()
                .additionalSecretOutputs(List.of("data", "stringData")).build(), options, id);
    }
}
