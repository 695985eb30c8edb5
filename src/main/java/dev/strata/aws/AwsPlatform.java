package dev.strata.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.platform.Labels;
import dev.strata.platform.Platform;

import java.util.Map;

/**
 * The AWS implementation of the {@link Platform} contract. Creates the explicit {@code aws} provider
 * for the stack's region, with the {@link Labels} as default tags so every taggable resource carries
 * them; every AWS resource of the stack is created through it (no default provider). The capability
 * components (network, cluster, database, edge, backups, observability, registry) hang below.
 */
public final class AwsPlatform extends ComponentResource implements Platform {
    public static final String TYPE = "strata:aws:AwsPlatform";

    private final String region;
    private final Provider provider;

    public AwsPlatform(String name, StackConfig cfg, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        this.region = cfg.region();
        this.provider = new Provider(name + "-aws", ProviderArgs.builder()
                .region(cfg.region())
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(Labels.of(cfg)).build())
                .build(), CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of("region", Output.of(region)));
    }

    /** The explicit provider every AWS resource of this stack must use. */
    public Provider provider() {
        return provider;
    }

    @Override
    public Cloud cloud() {
        return Cloud.AWS;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Map<String, Output<?>> outputs() {
        return Map.of("cloud", Output.of(cloud().id()), "region", Output.of(region));
    }
}
