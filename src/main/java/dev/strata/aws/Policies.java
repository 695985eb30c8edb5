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
        var s = new LinkedHashMap<String, Object>();
        s.put("Sid", sid);
        s.put("Effect", "Allow");
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

    /** Trust policy letting one AWS service assume the role, limited to this account. */
    static String assumeRoleByService(String service, String accountId) {
        return json(document(List.of(Map.of(
                "Sid", "TrustService",
                "Effect", "Allow",
                "Principal", Map.of("Service", service),
                "Action", List.of("sts:AssumeRole"),
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", accountId))))));
    }

    /** Trust policy for EC2 instances (EKS nodes): EC2 does not send aws:SourceAccount. */
    static String assumeRoleByEc2() {
        return json(document(List.of(Map.of(
                "Sid", "TrustEc2",
                "Effect", "Allow",
                "Principal", Map.of("Service", "ec2.amazonaws.com"),
                "Action", List.of("sts:AssumeRole")))));
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
     * Trust policy for GitHub Actions OIDC: only workflow runs of {@code repo} on {@code branch}.
     */
    static String assumeRoleByGithub(String providerArn, String repo, String branch) {
        return json(document(List.of(Map.of(
                "Sid", "TrustGithubBranch",
                "Effect", "Allow",
                "Principal", Map.of("Federated", providerArn),
                "Action", List.of("sts:AssumeRoleWithWebIdentity"),
                "Condition", Map.of("StringEquals", Map.of(
                        "token.actions.githubusercontent.com:aud", "sts.amazonaws.com",
                        "token.actions.githubusercontent.com:sub", "repo:" + repo + ":ref:refs/heads/" + branch))))));
    }

    /** ARN of an AWS managed policy. */
    static String managed(String name) {
        return "arn:aws:iam::aws:policy/" + name;
    }
}
