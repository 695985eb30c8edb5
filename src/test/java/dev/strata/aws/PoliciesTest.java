package dev.strata.aws;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PoliciesTest {

    @Test
    void serviceAccountTrustIsPinnedToOneServiceAccountAndAudience() {
        var doc = AwsFixture.json(Policies.assumeRoleByServiceAccount("arn:aws:iam::1:oidc-provider/x",
                "oidc.eks.us-east-1.amazonaws.com/id/ABC", "kube-system", "aws-node"));
        var s = doc.path("Statement").get(0);
        assertEquals("sts:AssumeRoleWithWebIdentity", s.path("Action").get(0).asText());
        assertEquals("system:serviceaccount:kube-system:aws-node",
                s.path("Condition").path("StringEquals").path("oidc.eks.us-east-1.amazonaws.com/id/ABC:sub").asText());
        assertEquals("sts.amazonaws.com",
                s.path("Condition").path("StringEquals").path("oidc.eks.us-east-1.amazonaws.com/id/ABC:aud").asText());
    }

    @Test
    void githubTrustIsPinnedToRepoAndEnvironment() {
        var s = AwsFixture.json(Policies.assumeRoleByGithub("arn:p", "acme/strata", "dev")).path("Statement").get(0);
        assertEquals("repo:acme/strata:environment:dev", s.path("Condition").path("StringEquals")
                .path("token.actions.githubusercontent.com:sub").asText());
        assertEquals("sts.amazonaws.com", s.path("Condition").path("StringEquals")
                .path("token.actions.githubusercontent.com:aud").asText());
        assertFalse(s.path("Condition").has("StringLike"), "no wildcards in the subject");
    }

    @Test
    void serviceTrustIsLimitedToTheAccountWhereTheServiceSendsIt() {
        var s = AwsFixture.json(Policies.assumeRoleByService("vpc-flow-logs.amazonaws.com", "123456789012"))
                .path("Statement").get(0);
        assertEquals("vpc-flow-logs.amazonaws.com", s.path("Principal").path("Service").asText());
        assertEquals("123456789012", s.path("Condition").path("StringEquals").path("aws:SourceAccount").asText());
    }

    /** Item 3: EKS sends no aws:SourceAccount; the condition makes CreateCluster fail (prowler#4745). */
    @Test
    void eksControlPlaneTrustHasNoSourceAccountCondition() {
        var s = AwsFixture.json(Policies.assumeRoleByService("eks.amazonaws.com", "123456789012"))
                .path("Statement").get(0);
        assertTrue(s.path("Condition").isMissingNode(), s.toString());
        assertThrows(IllegalArgumentException.class, () -> Policies.assumeRoleByService("lambda.amazonaws.com",
                "123456789012"), "a service whose trust context nobody checked is refused");
    }
}
