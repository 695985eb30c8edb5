package dev.strata.config;

/** The environment class of a stack; prod switches on the high-availability and retention rules. */
public enum Environment {
    DEV, PROD;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isProd() {
        return this == PROD;
    }
}
