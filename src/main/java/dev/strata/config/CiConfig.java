package dev.strata.config;

import java.util.Optional;

/**
 * Continuous delivery from GitHub Actions through OIDC (no long-lived cloud keys).
 *
 * @param githubRepo          {@code owner/name} allowed to deploy; empty disables the CI identity
 * @param githubBranch        the only branch whose workflow runs may deploy
 * @param createOidcProvider  AWS: this stack creates the account's one GitHub OIDC identity provider
 *                            ({@code ciGithubOidcProvider: create}); otherwise it looks the existing one up
 */
public record CiConfig(Optional<String> githubRepo, String githubBranch, boolean createOidcProvider) {
    public CiConfig(Optional<String> githubRepo, String githubBranch) {
        this(githubRepo, githubBranch, false);
    }
}
