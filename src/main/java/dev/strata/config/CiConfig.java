package dev.strata.config;

import java.util.Optional;

/**
 * Continuous delivery from GitHub Actions through OIDC (no long-lived cloud keys).
 *
 * @param githubRepo          {@code owner/name} allowed to deploy; empty disables the CI identity
 * @param githubBranch        the only branch whose workflow runs may deploy
 * @param githubRepoId        GitHub's immutable numeric id of that repository (GCP trust condition)
 * @param githubOwnerId       GitHub's immutable numeric id of its owner (GCP trust condition)
 * @param createOidcProvider  AWS: this stack creates the account's one GitHub OIDC identity provider
 *                            ({@code ciGithubOidcProvider: create}); otherwise it looks the existing one up
 */
public record CiConfig(Optional<String> githubRepo, String githubBranch, Optional<String> githubRepoId,
                       Optional<String> githubOwnerId, boolean createOidcProvider) {
    public CiConfig(Optional<String> githubRepo, String githubBranch) {
        this(githubRepo, githubBranch, Optional.empty(), Optional.empty(), false);
    }

    public CiConfig(Optional<String> githubRepo, String githubBranch, Optional<String> githubRepoId,
                    Optional<String> githubOwnerId) {
        this(githubRepo, githubBranch, githubRepoId, githubOwnerId, false);
    }
}
