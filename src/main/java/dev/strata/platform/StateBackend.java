package dev.strata.platform;

/**
 * The names scripts/bootstrap gives a stack's self-managed state backend (its bucket and the key of the secrets
 * provider), which the CI identities are granted. A backend made with other names ({@code --bucket}) needs the
 * grants by hand (docs/delivery.md).
 */
public final class StateBackend {
    private StateBackend() {
    }

    /** {@code strata-<stack>-state-<account>}, versioned, SSE-KMS with {@link #awsKeyAlias}. */
    public static String awsBucket(String stack, String accountId) {
        return "strata-" + stack + "-state-" + accountId;
    }

    /** The alias of the secrets provider's key, in the stack's region. */
    public static String awsKeyAlias(String stack) {
        return "alias/strata-" + stack + "-state";
    }

    /** {@code strata-<stack>-state-<project>}, versioned, default CMEK. */
    public static String gcpBucket(String stack, String project) {
        return "strata-" + stack + "-state-" + project;
    }

    /** The secrets provider's key: ring {@code strata-state}, key {@code <stack>-state}, in the stack's region. */
    public static String gcpKey(String stack, String project, String region) {
        return "projects/" + project + "/locations/" + region + "/keyRings/strata-state/cryptoKeys/" + stack + "-state";
    }
}
