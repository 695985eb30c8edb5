package dev.strata.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM and resource policy documents, built as maps and serialised with Jackson (never concatenated
 * strings). Every helper here scopes what it grants; wildcard resources appear only where the AWS
 * action supports no resource-level permission, and say so.
 */
final class Policies {
    private Policies() {
    }

    static String json(Map<String, Object> document) {
        return dev.strata.platform.Json.write(document);
    }

    static Map<String, Object> document(List<Map<String, Object>> statements) {
        var d = new LinkedHashMap<String, Object>();
        d.put("Version", "2012-10-17");
        d.put("Statement", statements);
        return d;
    }

    /** An Allow statement; {@code condition} may be empty. */
    static Map<String, Object> allow(String sid, List<String> actions, List<String> resources,
                                     Map<String, Object> condition) {
        return statement("Allow", sid, actions, resources, condition);
    }

    /** A Deny statement; {@code condition} may be empty. */
    static Map<String, Object> deny(String sid, List<String> actions, List<String> resources,
                                    Map<String, Object> condition) {
        return statement("Deny", sid, actions, resources, condition);
    }

    private static Map<String, Object> statement(String effect, String sid, List<String> actions,
                                                 List<String> resources, Map<String, Object> condition) {
        var s = new LinkedHashMap<String, Object>();
        s.put("Sid", sid);
        s.put("Effect", effect);
        s.put("Action", actions);
        s.put("Resource", resources);
        if (!condition.isEmpty()) {
            s.put("Condition", condition);
        }
        return s;
    }

    static Map<String, Object> allow(String sid, List<String> actions, List<String> resources) {
        return allow(sid, actions, resources, Map.of());
    }

    /**
     * Services that send {@code aws:SourceAccount} when they assume a role, so a trust condition on it limits the
     * role to this account's use (confused-deputy protection): VPC Flow Logs ("IAM role for publishing flow logs to
     * CloudWatch Logs") and RDS Enhanced Monitoring ("Setting up and enabling Enhanced Monitoring") document it.
     */
    static final java.util.Set<String> SENDS_SOURCE_ACCOUNT = java.util.Set.of("vpc-flow-logs.amazonaws.com",
            "monitoring.rds.amazonaws.com");
    /**
     * Services that do not send it, so the condition would make the role unassumable: EKS's control plane
     * (CreateCluster fails with "role cannot be assumed"; prowler-cloud/prowler#4745, the same change declined in
     * terraform-aws-modules/terraform-aws-eks#3210), EC2 instance profiles, and AWS Backup (its service role trust
     * in the AWS Backup developer guide has no condition).
     */
    static final java.util.Set<String> NO_SOURCE_ACCOUNT = java.util.Set.of("eks.amazonaws.com", "ec2.amazonaws.com",
            "backup.amazonaws.com");

    /**
     * Trust policy letting one AWS service assume the role; limited to this account by {@code aws:SourceAccount}
     * exactly where the service sends it. A service in neither list is refused: look up what it sends first.
     */
    static String assumeRoleByService(String service, String accountId) {
        var statement = new LinkedHashMap<String, Object>();
        statement.put("Sid", "TrustService");
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Service", service));
        statement.put("Action", List.of("sts:AssumeRole"));
        if (SENDS_SOURCE_ACCOUNT.contains(service)) {
            statement.put("Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", accountId)));
        } else if (!NO_SOURCE_ACCOUNT.contains(service)) {
            throw new IllegalArgumentException("unknown trust context of " + service + ": add it to "
                    + "SENDS_SOURCE_ACCOUNT or NO_SOURCE_ACCOUNT after checking what the service sends");
        }
        return json(document(List.of(statement)));
    }

    /** Trust policy for a service that sends no source account (see {@link #NO_SOURCE_ACCOUNT}). */
    static String assumeRoleByService(String service) {
        if (!NO_SOURCE_ACCOUNT.contains(service)) {
            throw new IllegalArgumentException(service + " sends aws:SourceAccount; pass the account id");
        }
        return assumeRoleByService(service, "");
    }

    /**
     * Trust policy for a Kubernetes service account through the cluster's OIDC provider (IRSA):
     * only {@code system:serviceaccount:<namespace>:<name>} with audience sts.amazonaws.com.
     *
     * @param providerArn the IAM OIDC provider's ARN
     * @param issuerHost  the issuer URL without {@code https://}
     */
    static String assumeRoleByServiceAccount(String providerArn, String issuerHost, String namespace,
                                             String serviceAccount) {
        return json(document(List.of(Map.of(
                "Sid", "TrustServiceAccount",
                "Effect", "Allow",
                "Principal", Map.of("Federated", providerArn),
                "Action", List.of("sts:AssumeRoleWithWebIdentity"),
                "Condition", Map.of("StringEquals", Map.of(
                        issuerHost + ":sub", "system:serviceaccount:" + namespace + ":" + serviceAccount,
                        issuerHost + ":aud", "sts.amazonaws.com"))))));
    }

    /**
     * Trust policy for GitHub Actions OIDC: only jobs of {@code repo} that run in the GitHub environment
     * {@code environment}. Such a job's token carries {@code sub = repo:<owner>/<name>:environment:<name>}, not the
     * {@code ref:refs/heads/<branch>} form (GitHub, "OpenID Connect reference", example subject claims), so a role
     * trusting the branch subject cannot be assumed from an environment job. StringEquals on the exact subject and
     * on {@code aud = sts.amazonaws.com}, as aws-actions/configure-aws-credentials requests it (never StringLike: a
     * wildcard in {@code sub} admits other repositories or environments).
     */
    static String assumeRoleByGithub(String providerArn, String repo, String environment) {
        return json(document(List.of(Map.of(
                "Sid", "TrustGithubEnvironment",
                "Effect", "Allow",
                "Principal", Map.of("Federated", providerArn),
                "Action", List.of("sts:AssumeRoleWithWebIdentity"),
                "Condition", Map.of("StringEquals", Map.of(
                        GITHUB_ISSUER_HOST + ":aud", "sts.amazonaws.com",
                        GITHUB_ISSUER_HOST + ":sub", githubEnvironmentSubject(repo, environment)))))));
    }

    static final String GITHUB_ISSUER_HOST = "token.actions.githubusercontent.com";

    /** GitHub's default subject of a job in an environment. */
    static String githubEnvironmentSubject(String repo, String environment) {
        return "repo:" + repo + ":environment:" + environment;
    }

    /** ARN of an AWS managed policy. */
    static String managed(String name) {
        return "arn:aws:iam::aws:policy/" + name;
    }
}
