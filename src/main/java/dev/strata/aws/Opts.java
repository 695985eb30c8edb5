package dev.strata.aws;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

/**
 * Resource options shared by the AWS components: every child under its component, stateful children
 * protected and retained on delete in prod (the database, keys, vaults and buckets outlive a mistaken
 * {@code pulumi destroy} or a replacement).
 */
final class Opts {
    private Opts() {
    }

    static CustomResourceOptions child(Resource parent) {
        return CustomResourceOptions.builder().parent(parent).build();
    }

    static CustomResourceOptions stateful(Resource parent, boolean prod) {
        return CustomResourceOptions.builder().parent(parent).protect(prod).retainOnDelete(prod).build();
    }
}
