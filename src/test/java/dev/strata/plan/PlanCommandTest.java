package dev.strata.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scripts/plan} end to end, minus the JVM start. */
class PlanCommandTest {

    record Outcome(int code, String out, String err) {
    }

    private static Outcome run(Path dir, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = PlanCommand.run(args, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path projectCopy(Path tmp) throws Exception {
        Files.copy(Fixtures.projectDir().resolve("Pulumi.yaml"), tmp.resolve("Pulumi.yaml"));
        return tmp;
    }

    @Test
    void plansDevIntoTheJsonContract(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("dev.json");
        var o = run(Fixtures.projectDir(), "dev", "--out", file.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("strata-dev  (strata:aws:AwsPlatform)"), o.out());
        assertTrue(o.out().contains("Resources by type:"), o.out());

        JsonNode plan = new ObjectMapper().readTree(file.toFile());
        assertEquals("dev", plan.path("stack").asText());
        assertEquals("aws", plan.path("cloud").asText());
        assertEquals("strata", plan.path("project").asText());
        assertEquals(PlanJson.SCHEMA_VERSION, plan.path("schemaVersion").asInt());
        assertFalse(plan.path("preview").asBoolean());
        assertTrue(plan.path("resources").size() >= 3);
        for (JsonNode r : plan.path("resources")) {
            var fields = new java.util.TreeSet<String>();
            r.fieldNames().forEachRemaining(fields::add);
            assertEquals(Set.of("urn", "type", "name", "parent", "provider", "id", "props", "dependencies",
                    "propertyDependencies", "options"), fields);
            assertTrue(r.path("urn").asText().startsWith("urn:pulumi:dev::strata::"));
            assertTrue(r.path("props").isObject());
        }
        assertTrue(Files.readString(tmp.resolve("dev.dot")).startsWith("digraph strata {"));
    }

    @Test
    void cloudOverridePlansProdOnGcp(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("p.json");
        var o = run(Fixtures.projectDir(), "prod", "--cloud", "gcp", "--out", file.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        JsonNode plan = new ObjectMapper().readTree(file.toFile());
        assertEquals("gcp", plan.path("cloud").asText());
        assertEquals("prod", plan.path("stack").asText());
        assertTrue(o.out().startsWith("planned prod on gcp: "), o.out());
    }

    @Test
    void plansAreDeterministic(@TempDir Path tmp) throws Exception {
        run(Fixtures.projectDir(), "prod", "--out", tmp.resolve("a.json").toString(), "--quiet");
        run(Fixtures.projectDir(), "prod", "--out", tmp.resolve("b.json").toString(), "--quiet");
        assertEquals(Files.readString(tmp.resolve("a.json")), Files.readString(tmp.resolve("b.json")));
    }

    @Test
    void brokenStackFileExitsTwoWithEveryProblemAndNoStackTrace(@TempDir Path tmp) throws Exception {
        Path dir = projectCopy(tmp);
        Files.writeString(dir.resolve("Pulumi.broken.yaml"), """
                config:
                  strata:cloud: azure
                  strata:dbHighAvailabilty: true
                  strata:appReplicas: 0
                """);
        var o = run(dir, "broken");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: invalid configuration for stack 'broken' (3 problems):"), o.err());
        assertTrue(o.err().contains("strata:cloud = \"azure\": allowed: aws, gcp"), o.err());
        assertTrue(o.err().contains("strata:dbHighAvailabilty: unknown key; did you mean"
                + " strata:dbHighAvailability?"), o.err());
        assertTrue(o.err().contains("strata:appReplicas = \"0\": allowed: an integer from 1 to 50"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertFalse(Files.exists(dir.resolve("build")), "nothing written on bad config");
    }

    @Test
    void encryptedValuesAreRefusedOffline(@TempDir Path tmp) throws Exception {
        Path dir = projectCopy(tmp);
        Files.writeString(dir.resolve("Pulumi.sec.yaml"), """
                config:
                  strata:alertEmail:
                    secure: v1:abcdef
                """);
        var o = run(dir, "sec");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("strata:alertEmail is encrypted (secure:); the offline plan cannot decrypt"),
                o.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run(Fixtures.projectDir()).code());
        var badCloud = run(Fixtures.projectDir(), "dev", "--cloud", "azure");
        assertEquals(2, badCloud.code());
        assertTrue(badCloud.err().contains("--cloud \"azure\": allowed: aws, gcp"));
        var noStack = run(Fixtures.projectDir(), "staging");
        assertEquals(2, noStack.code());
        assertTrue(noStack.err().contains("no stack file Pulumi.staging.yaml (stacks here: dev, prod)"),
                noStack.err());
        assertEquals(2, run(Fixtures.projectDir(), "--all", "dev").code());
        assertEquals(2, run(Fixtures.projectDir(), "dev", "--bogus").code());
        var badConfig = run(Fixtures.projectDir(), "dev", "--config", "ciGithubRepo");
        assertEquals(2, badConfig.code());
        assertTrue(badConfig.err().contains("--config \"ciGithubRepo\": expected key=value"), badConfig.err());
        assertEquals(2, run(Fixtures.projectDir(), "--all", "--config", "ciGithubRepo=a/b").code());
        var badValue = run(Fixtures.projectDir(), "dev", "--cloud", "gcp", "--config", "ciGithubRepo=acme/strata",
                "--out", "build/never.json");
        assertEquals(2, badValue.code(), "the loader's rules apply: gcp needs the GitHub ids");
    }

    /** What a stack file would set, for one plan: the CI identities that the committed stacks leave unset. */
    @Test
    void configPlansWithAKeyTheStackFileDoesNotSet(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("ci.json");
        var o = run(Fixtures.projectDir(), "dev", "--cloud", "aws", "--config", "ciGithubRepo=acme/strata",
                "--out", file.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        JsonNode plan = new ObjectMapper().readTree(file.toFile());
        assertTrue(plan.path("outputs").has("ciDeployRoleArn"), plan.path("outputs").toString());
    }
}
