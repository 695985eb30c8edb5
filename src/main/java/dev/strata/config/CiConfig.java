package dev.strata.config;

import java.util.Optional;

/**
 * Continuous delivery from GitHub Actions through OIDC (no long-lived cloud keys).
 *
 * @param githubRepo   {@code owner/name} allowed to deploy; empty disables the CI identity
 * @param githubBranch the only branch whose workflow runs may deploy
 * @param githubRepoId  GitHub's immutable numeric id of that repository (GCP trust condition)
 * @param githubOwnerId GitHub's immutable numeric id of its owner (GCP trust condition)
 */
public record CiConfig(Optional<String> githubRepo, String githubBranch, Optional<String> githubRepoId,
                       Optional<String> githubOwnerId) {
}
