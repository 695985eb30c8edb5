package dev.strata.platform;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/**
 * Resource options shared by the components of both clouds: every child under its component, stateful children
 * protected and retained on delete in prod (the database, keys, vaults and buckets outlive a mistaken
 * {@code pulumi destroy} or a replacement).
 */
public final class ResourceOpts {
    private ResourceOpts() {
    }

    public static CustomResourceOptions child(Resource parent) {
        return CustomResourceOptions.builder().parent(parent).build();
    }

    public static CustomResourceOptions stateful(Resource parent, boolean prod) {
        return CustomResourceOptions.builder().parent(parent).protect(prod).retainOnDelete(prod).build();
    }
}
