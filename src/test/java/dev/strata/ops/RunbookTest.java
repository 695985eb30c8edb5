package dev.strata.ops;

import dev.strata.config.Cloud;
import dev.strata.plan.PlanJson;
import dev.strata.plan.Planner;
import dev.strata.plan.StackFiles;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every alert the program declares, on every stack and both clouds, has its section in docs/runbook.md
 * (a {@code ### `name`} heading under "## Alerts"), and the runbook has no section for an alert that no
 * longer exists.
 */
class RunbookTest {
    private static final Pattern ALERT_HEADING = Pattern.compile("^### `([a-z0-9-]+)`$", Pattern.MULTILINE);

    @Test
    void everyDeclaredAlertHasARunbookSectionAndEverySectionAnAlert(@TempDir Path tmp) throws Exception {
        var declared = new TreeSet<String>();
        for (String stack : StackFiles.stacks(Fixtures.projectDir())) {
            for (Cloud cloud : Cloud.values()) {
                Path file = tmp.resolve(stack + "-" + cloud.id() + ".json");
                Files.writeString(file, PlanJson.write(Planner.plan(Fixtures.config(stack, cloud))));
                var alerts = PlanFile.read(file).alerts();
                assertTrue(alerts.size() >= 5, stack + " " + cloud + " declares only " + alerts);
                declared.addAll(alerts);
            }
        }
        String runbook = Files.readString(Fixtures.projectDir().resolve("docs/runbook.md"));
        String alertsPart = runbook.substring(runbook.indexOf("\n## Alerts\n"),
                runbook.indexOf("\n## ", runbook.indexOf("\n## Alerts\n") + 1));
        Set<String> sections = new TreeSet<>();
        Matcher m = ALERT_HEADING.matcher(alertsPart);
        while (m.find()) {
            sections.add(m.group(1));
        }
        var missing = new TreeSet<>(declared);
        missing.removeAll(sections);
        assertEquals(Set.of(), missing, "alerts without a section in docs/runbook.md");
        var stale = new TreeSet<>(sections);
        stale.removeAll(declared);
        assertEquals(Set.of(), stale, "runbook sections for alerts no plan declares");
    }

    @Test
    void alertNamesAreTheResourceNamesWithoutTheirComponent(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("dev-gcp.json");
        Files.writeString(file, PlanJson.write(Planner.plan(Fixtures.config("dev", Cloud.GCP))));
        assertEquals(java.util.List.of("crash-loop", "db-connections", "db-cpu", "db-disk", "edge-5xx-rate",
                "latency-p99", "unready"), PlanFile.read(file).alerts());
    }
}
