package dev.strata.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.config.Cloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scripts/plan-diff on pairs of real plans, each with one deliberate change, through the command's exit codes. */
class PlanDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Out(int code, String out, String err) {
    }

    private static JsonNode json(Plan plan) throws Exception {
        return JSON.readTree(PlanJson.write(plan));
    }

    private static Out run(Path dir, JsonNode base, JsonNode head, String... flags) throws Exception {
        Path b = dir.resolve("base.json");
        Path h = dir.resolve("head.json");
        Files.writeString(b, JSON.writeValueAsString(base));
        Files.writeString(h, JSON.writeValueAsString(head));
        var args = new java.util.ArrayList<>(List.of(b.toString(), h.toString()));
        args.addAll(List.of(flags));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = PlanDiffCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDatabaseInstanceClassChangeIsInPlace(@TempDir Path dir) throws Exception {
        var base = json(EnginePlans.plan("dev", Cloud.AWS, false));
        var head = json(EnginePlans.plan("dev", Cloud.AWS, Map.of("dbInstanceClass", "db.t4g.large")));
        var o = run(dir, base, head);
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("~ aws:rds/instance:Instance strata-dev-database-postgres"), o.out());
        assertTrue(o.out().contains("instanceClass: \"db.t4g.medium\" -> \"db.t4g.large\""), o.out());
        assertFalse(o.out().contains("STATEFUL"), o.out());
    }

    @Test
    void anEngineMajorVersionChangeIsGuarded(@TempDir Path dir) throws Exception {
        var base = json(EnginePlans.plan("dev", Cloud.GCP, false));
        var head = json(EnginePlans.plan("dev", Cloud.GCP, Map.of("dbEngineVersion", "17")));
        var o = run(dir, base, head);
        assertEquals(3, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("STATEFUL would upgrade in place, irreversibly, with downtime stateful resource"
                + " strata-dev-database-postgres (gcp:sql/databaseInstance:DatabaseInstance): databaseVersion"
                + " \"POSTGRES_16\" -> \"POSTGRES_17\""), o.out());
        assertEquals(0, run(dir, base, head, "--allow-replace").code(), "a deliberate upgrade passes");

        var aws = run(dir, json(EnginePlans.plan("dev", Cloud.AWS, false)),
                json(EnginePlans.plan("dev", Cloud.AWS, Map.of("dbEngineVersion", "17"))));
        assertEquals(3, aws.code(), aws.out());
        assertTrue(aws.out().contains("engineVersion \"16\" -> \"17\""), aws.out());
    }

    @Test
    void aRenamedClusterIsAReplacement(@TempDir Path dir) throws Exception {
        var base = json(EnginePlans.plan("prod", Cloud.AWS, false));
        var head = base.deepCopy();
        for (JsonNode r : head.path("resources")) {
            if (r.path("type").asText().equals("aws:eks/cluster:Cluster")) {
                ((ObjectNode) r.path("props")).put("name", "strata-prod-eks-2");
            }
        }
        var o = run(dir, base, head);
        assertEquals(3, o.code(), o.out());
        assertTrue(o.out().contains("STATEFUL would replace stateful resource strata-prod-cluster-eks"
                + " (aws:eks/cluster:Cluster): name \"strata-prod-eks\" -> \"strata-prod-eks-2\""), o.out());
    }

    @Test
    void aRemovedBucketIsADestroy(@TempDir Path dir) throws Exception {
        var base = json(EnginePlans.plan("prod", Cloud.GCP, false));
        var head = base.deepCopy();
        var resources = (ArrayNode) head.path("resources");
        int removed = 0;
        for (int i = resources.size() - 1; i >= 0; i--) {
            if (resources.get(i).path("type").asText().equals("gcp:storage/bucket:Bucket")) {
                resources.remove(i);
                removed++;
            }
        }
        assertEquals(1, removed);
        var o = run(dir, base, head);
        assertEquals(3, o.code(), o.out());
        assertTrue(o.out().contains("- gcp:storage/bucket:Bucket strata-prod-backups-exports"), o.out());
        assertTrue(o.out().contains("STATEFUL would destroy stateful resource strata-prod-backups-exports"), o.out());
    }

    @Test
    void unprotectingAStatefulResourceIsGuarded(@TempDir Path dir) throws Exception {
        var base = json(EnginePlans.plan("prod", Cloud.AWS, false));
        var head = base.deepCopy();
        for (JsonNode r : head.path("resources")) {
            if (r.path("type").asText().equals("aws:rds/instance:Instance")) {
                ((ObjectNode) r.path("options")).put("protect", false);
            }
        }
        var o = run(dir, base, head);
        assertEquals(3, o.code(), o.out());
        assertTrue(o.out().contains("removes protect from stateful resource"), o.out());
    }

    @Test
    void markdownIsOneTableRowPerChangedResourceWithTheWarningFirst(@TempDir Path dir) throws Exception {
        var base = json(EnginePlans.plan("dev", Cloud.GCP, false));
        var head = json(EnginePlans.plan("dev", Cloud.GCP, Map.of("dbEngineVersion", "17", "dbTier",
                "db-custom-4-16384")));
        var o = run(dir, base, head, "--markdown");
        assertEquals(3, o.code());
        var lines = o.out().lines().toList();
        assertTrue(lines.get(0).startsWith("### Plan diff `dev-gcp` → `dev-gcp`"), o.out());
        int header = lines.indexOf("| change | type | resource | inputs |");
        assertTrue(header > 0, o.out());
        assertEquals("| --- | --- | --- | --- |", lines.get(header + 1));
        assertTrue(o.out().indexOf("Would replace/destroy stateful resource") < o.out().indexOf("| change |"));
        var rows = lines.subList(header + 2, lines.size());
        assertFalse(rows.isEmpty());
        for (String row : rows) {
            // 4 cells: 5 unescaped pipes
            assertEquals(5, row.replace("\\|", "").chars().filter(c -> c == '|').count(), row);
        }
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("| changed ⚠ | `gcp:sql/databaseInstance:DatabaseInstance`")
                && r.contains("`settings.tier`: \"db-custom-2-7680\" → \"db-custom-4-16384\"")), o.out());
    }

    @Test
    void badUsageExitsTwo(@TempDir Path dir) throws Exception {
        var err = new ByteArrayOutputStream();
        var devnull = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, PlanDiffCommand.run(new String[] {"one.json"}, devnull, new PrintStream(err, true,
                StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("need exactly two plan files"));
        Path notPlan = dir.resolve("x.json");
        Files.writeString(notPlan, "{\"a\": 1}");
        err.reset();
        assertEquals(2, PlanDiffCommand.run(new String[] {notPlan.toString(), notPlan.toString()}, devnull,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a plan.json"), err.toString());
    }
}
