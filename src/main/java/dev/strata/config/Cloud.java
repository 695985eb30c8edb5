package dev.strata.config;

/** The cloud a stack runs on. Chosen once per stack by {@code strata:cloud}. */
public enum Cloud {
    AWS, GCP;

    /** The lower-case spelling used in config, file names and type tokens. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
