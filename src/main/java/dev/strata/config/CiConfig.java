package dev.strata.config;

import java.util.Optional;

/**
 * Continuous delivery from GitHub Actions through OIDC (no long-lived cloud keys).
 *
 * @param githubRepo   {@code owner/name} allowed to deploy; empty disables the CI identity
 * @param githubBranch the only branch whose workflow runs may deploy
 */
public record CiConfig(Optional<String> githubRepo, String githubBranch) {
}
