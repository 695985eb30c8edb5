package dev.strata.aws;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI identities' permissions, evaluated the way IAM matches actions and resources (globs). */
class CiPoliciesTest {
    static final CiPolicies.Scope SCOPE = AwsRegistryTest.SCOPE;
    static final JsonNode DEPLOY = AwsFixture.json(Policies.json(CiPolicies.deploy(SCOPE)));
    static final JsonNode PREVIEW = AwsFixture.json(Policies.json(CiPolicies.preview(SCOPE)));
    static final String STATE_BUCKET = "arn:aws:s3:::strata-dev-state-123456789012";

    /** IAM's glob: {@code *} any run of characters, {@code ?} one; case-insensitive for actions. */
    static boolean glob(String pattern, String value) {
        var re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE).matcher(value).matches();
    }

    private static List<String> texts(JsonNode n) {
        var out = new ArrayList<String>();
        (n.isArray() ? n : List.of(n)).forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Allowed by some Allow statement (conditions ignored) and not by a Deny without condition. */
    static boolean allows(JsonNode doc, String action, String resource) {
        boolean allowed = false;
        for (JsonNode s : doc.path("Statement")) {
            boolean matches = texts(s.path("Action")).stream().anyMatch(a -> glob(a, action))
                    && texts(s.path("Resource")).stream().anyMatch(r -> glob(r, resource));
            if (matches && s.path("Effect").asText().equals("Deny") && s.path("Condition").isMissingNode()) {
                return false;
            }
            allowed |= matches && s.path("Effect").asText().equals("Allow");
        }
        return allowed;
    }

    @Test
    void deployCanPushImagesUseTheStateAndTheSecretsKey() {
        String repo = "arn:aws:ecr:us-east-1:123456789012:repository/strata-dev-registry-counter-1a2b3c4";
        for (String a : List.of("ecr:GetAuthorizationToken", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchCheckLayerAvailability")) {
            assertTrue(allows(DEPLOY, a, repo), a);
        }
        assertTrue(allows(DEPLOY, "s3:ListBucket", STATE_BUCKET));
        for (String a : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
            assertTrue(allows(DEPLOY, a, STATE_BUCKET + "/.pulumi/stacks/strata/dev.json"), a);
        }
        var key = statement(DEPLOY, "StateKey");
        assertEquals("alias/strata-dev-state", key.path("Condition").path("ForAnyValue:StringEquals")
                .path("kms:ResourceAliases").asText());
        assertTrue(texts(key.path("Action")).containsAll(List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey")),
                "the secrets provider decrypts its data key; S3 SSE-KMS writes need GenerateDataKey");
    }

    /** The CI roles live under /strata-ci/, outside role/strata-dev-*: a deploy cannot widen its own trust. */
    @Test
    void deployManagesTheStacksRolesButNotTheCiRolesNorOtherStacks() {
        String stackRole = "arn:aws:iam::123456789012:role/strata-dev-nodes-role-1a2b3c4";
        for (String a : List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:PassRole", "iam:UpdateAssumeRolePolicy")) {
            assertTrue(allows(DEPLOY, a, stackRole), a);
        }
        String ciRole = "arn:aws:iam::123456789012:role/strata-ci/strata-dev-registry-deploy-1a2b3c4";
        for (String a : List.of("iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy")) {
            assertFalse(allows(DEPLOY, a, ciRole), a + " on the deploy role itself");
        }
        assertFalse(allows(DEPLOY, "iam:CreateRole", "arn:aws:iam::123456789012:role/strata-prod-nodes-role-x"));
        assertFalse(allows(DEPLOY, "iam:CreateUser", "arn:aws:iam::123456789012:user/strata-dev-x"));
        assertFalse(allows(DEPLOY, "s3:DeleteBucket", "arn:aws:s3:::strata-prod-state-123456789012"));
        assertFalse(allows(DEPLOY, "organizations:LeaveOrganization", "*"));
        assertTrue(allows(DEPLOY, "iam:TagRole", ciRole), "default tags reach the CI roles");
        assertTrue(allows(DEPLOY, "iam:GetRole", ciRole), "a refresh reads the CI roles");
        assertFalse(allows(DEPLOY, "s3:PutReplicationConfiguration", STATE_BUCKET), "no copy of the state elsewhere");
        assertFalse(allows(DEPLOY, "s3:DeleteBucket", STATE_BUCKET), "the state outlives a bad deploy");
        assertFalse(allows(DEPLOY, "s3:DeleteObjectVersion", STATE_BUCKET + "/.pulumi/stacks/strata/dev.json"));
        assertTrue(allows(DEPLOY, "s3:DeleteBucket", "arn:aws:s3:::strata-dev-edge-logs-1a2b3c4"));
        var keyDeny = statement(DEPLOY, "ProtectStateKey");
        assertTrue(texts(keyDeny.path("Action")).containsAll(List.of("kms:ScheduleKeyDeletion", "kms:PutKeyPolicy",
                "kms:RevokeGrant", "kms:ReplicateKey")));
        assertEquals("alias/strata-dev-state", keyDeny.path("Condition").path("ForAnyValue:StringEquals")
                .path("kms:ResourceAliases").asText());
        var deny = statement(DEPLOY, "NoBroadManagedPolicies");
        assertEquals("Deny", deny.path("Effect").asText());
        assertTrue(texts(deny.path("Condition").path("ArnLike").path("iam:PolicyARN"))
                .contains("arn:aws:iam::aws:policy/AdministratorAccess"));
    }

    @Test
    void previewOnlyReadsTheStateDecryptsAndLooksUp() {
        var readOnly = Pattern.compile("^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]*$|^kms:Decrypt$");
        for (JsonNode s : PREVIEW.path("Statement")) {
            assertEquals("Allow", s.path("Effect").asText());
            for (String a : texts(s.path("Action"))) {
                assertTrue(readOnly.matcher(a).matches(), "preview may only read: " + a);
            }
        }
        assertTrue(allows(PREVIEW, "s3:GetObject", STATE_BUCKET + "/.pulumi/stacks/strata/dev.json"));
        assertFalse(allows(PREVIEW, "s3:PutObject", STATE_BUCKET + "/.pulumi/stacks/strata/dev.json"));
        assertFalse(allows(PREVIEW, "s3:GetObject", "arn:aws:s3:::strata-dev-edge-logs-1a2b3c4/AWSLogs/x"),
                "no data of the stack's other buckets");
        assertEquals("alias/strata-dev-state", statement(PREVIEW, "StateKey").path("Condition")
                .path("ForAnyValue:StringEquals").path("kms:ResourceAliases").asText());
        for (String a : CiPolicies.LOOKUPS) {
            assertTrue(allows(PREVIEW, a, "*"), a);
        }
    }

    /** IAM refuses a role's inline policies above 10,240 characters in total, whitespace not counted. */
    @Test
    void inlinePoliciesFitTheRolePolicySizeQuota() {
        for (var doc : List.of(CiPolicies.deploy(SCOPE), CiPolicies.preview(SCOPE))) {
            int size = Policies.json(doc).replaceAll("\\s", "").length();
            assertTrue(size <= 10_240, "inline policy of " + size + " characters");
        }
    }

    /**
     * configure-aws-credentials' keys are never refreshed: the deploy job asks for a session as long as its timeout,
     * and STS refuses a duration above the role's maximum.
     */
    @Test
    void theDeployJobsSessionOutlastsItsTimeoutAndFitsTheRole() throws Exception {
        String wf = java.nio.file.Files.readString(dev.strata.support.Fixtures.projectDir()
                .resolve(".github/workflows/deploy-stack.yml"));
        var timeout = java.util.regex.Pattern.compile("timeout-minutes: (\\d+)").matcher(wf);
        var duration = java.util.regex.Pattern.compile("role-duration-seconds: (\\d+)").matcher(wf);
        assertTrue(timeout.find() && duration.find(), "deploy-stack.yml sets a timeout and a session duration");
        int seconds = Integer.parseInt(duration.group(1));
        assertTrue(seconds >= Integer.parseInt(timeout.group(1)) * 60, seconds + "s < the job's timeout");
        assertTrue(seconds <= CiPolicies.DEPLOY_SESSION_SECONDS, seconds + "s > the role's maximum");
    }

    private static JsonNode statement(JsonNode doc, String sid) {
        for (JsonNode s : doc.path("Statement")) {
            if (s.path("Sid").asText().equals(sid)) {
                return s;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + doc);
    }
}
