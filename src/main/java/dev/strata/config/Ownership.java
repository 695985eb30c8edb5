package dev.strata.config;

/**
 * Who owns and pays for the stack; becomes the {@code owner} and {@code cost-center} tags.
 */
public record Ownership(String owner, String costCenter) {
}
