package dev.strata.ops;

import dev.strata.config.Cloud;
import dev.strata.plan.PlanJson;
import dev.strata.plan.Planner;
import dev.strata.plan.PlannedResource;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

/** The on-call scripts' validation entry point, minus the JVM start. */
class OpsCommandTest {

    record Outcome(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Outcome run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = OpsCommand.run(args, Fixtures.projectDir(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void devInheritsThePoolsFromTheDefaultSoTheWholePoolIsWritten() {
        var o = run("scale", "dev", "general", "--min", "1", "--max", "5");
        assertEquals(0, o.code(), o.err());
        // one path written into an inherited map would replace the whole default by that one field
        assertEquals(List.of("set=strata:nodePools.general.awsInstanceType m6i.large",
                "set=strata:nodePools.general.gcpMachineType e2-standard-4",
                "set=strata:nodePools.general.minSize 1",
                "set=strata:nodePools.general.desiredSize 2",
                "set=strata:nodePools.general.maxSize 5"),
                o.lines().stream().filter(l -> l.startsWith("set=")).toList());
        assertTrue(o.lines().contains("desired="), o.out());
    }

    @Test
    void prodSetsItsPoolsSoOnlyTheChangedFieldsAreWritten() {
        var o = run("scale", "prod", "general", "--min", "3", "--max", "12", "--desired", "5");
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of("set=strata:nodePools.general.desiredSize 5", "set=strata:nodePools.general.maxSize 12"),
                o.lines().stream().filter(l -> l.startsWith("set=")).toList());
        assertTrue(o.lines().containsAll(List.of("environment=prod", "machineType=m6i.xlarge", "desired=5")), o.out());
    }

    @Test
    void theConfiguredSizeIsKeptInsideNewBoundsWhenNoneIsGiven() {
        var o = run("scale", "prod", "general", "--min", "4", "--max", "9");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.lines().contains("set=strata:nodePools.general.desiredSize 4"), o.out());
    }

    @Test
    void boundsAreJudgedByTheStackFilesRules() {
        var o = run("scale", "dev", "general", "--min", "5", "--max", "2");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("strata:nodePools.general: minSize 5, desiredSize 5, maxSize 2: must satisfy"
                + " minSize <= desiredSize <= maxSize"), o.err());
        o = run("scale", "prod", "general", "--min", "1", "--max", "4", "--cloud", "gcp");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("must be at least 2 in prod"), o.err());
        o = run("scale", "dev", "general", "--min", "1", "--max", "x");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--max \"x\": allowed: a whole number from 0 to 100"), o.err());
        assertEquals("", o.out());
    }

    @Test
    void anUnknownPoolGetsADidYouMeanAndAnExistingOneCannotBeCreated() {
        var o = run("scale", "prod", "generl", "--min", "3", "--max", "4");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown node pool 'generl' in stack prod (pools: general); did you mean general?"),
                o.err());
        o = run("scale", "prod", "batch", "--min", "3", "--max", "4");
        assertTrue(o.err().contains("; add a pool with --create"), o.err());
        o = run("scale", "prod", "general", "--create", "--aws-instance-type", "m6i.large", "--gcp-machine-type",
                "e2-standard-4", "--min", "3", "--max", "4");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("already exists"), o.err());
        o = run("scale", "prod", "general", "--aws-instance-type", "m6i.large", "--min", "3", "--max", "4");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("they need --create"), o.err());
    }

    @Test
    void aNewPoolIsPlannedAndTargetedByTheProposedPlansUrn(@TempDir Path tmp) {
        Path proposed = tmp.resolve("proposed.json");
        var o = run("scale", "prod", "batch", "--create", "--aws-instance-type", "c7i.2xlarge", "--gcp-machine-type",
                "c3-standard-8", "--min", "2", "--max", "6", "--cloud", "gcp", "--plan-out", proposed.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.isRegularFile(proposed));
        assertTrue(o.lines().contains("urn=urn:pulumi:prod::strata::pulumi:pulumi:Stack$strata:gcp:GcpPlatform"
                + "$strata:gcp:GcpCluster$gcp:container/nodePool:NodePool::strata-prod-cluster-batch"), o.out());
        assertEquals(5, o.lines().stream().filter(l -> l.startsWith("set=strata:nodePools.batch.")).count(), o.out());
        assertTrue(o.lines().contains("machineType=c3-standard-8"), o.out());
    }

    /**
     * The contract between the cluster components and scripts/scale: every configured pool is found in the
     * plan by its label (one resource each), and its live size is the autoscaler's, not the program's.
     */
    @ParameterizedTest
    @MethodSource("dev.strata.support.Fixtures#stacksAndClouds")
    void everyPoolResolvesToOneUrnAndTheProgramNeverResetsItsLiveSize(String stack, Cloud cloud, @TempDir Path tmp)
            throws Exception {
        var cfg = Fixtures.config(stack, cloud, Map.of("nodePools", """
                {"general": {"awsInstanceType": "m6i.large", "gcpMachineType": "e2-standard-4", "minSize": 2,
                             "desiredSize": 2, "maxSize": 4},
                 "batch": {"awsInstanceType": "c7i.large", "gcpMachineType": "c3-standard-4", "minSize": 2,
                           "desiredSize": 3, "maxSize": 8}}"""));
        var plan = Planner.plan(cfg);
        Path file = tmp.resolve("plan.json");
        Files.writeString(file, PlanJson.write(plan));
        var planFile = PlanFile.read(file);
        String ignored = cloud == Cloud.AWS ? "scalingConfig.desiredSize" : "initialNodeCount";
        for (String pool : List.of("general", "batch")) {
            String urn = planFile.poolUrn(pool);
            PlannedResource r = plan.byUrn(urn).orElseThrow();
            assertTrue(urn.startsWith("urn:pulumi:" + stack + "::strata::") && urn.endsWith("-" + pool), urn);
            // the dependency scripts/scale documents: `pulumi up` keeps whatever size the autoscaler chose
            assertTrue(r.options().ignoreChanges().contains(ignored), urn + " ignores " + r.options().ignoreChanges());
        }
        assertEquals(2, plan.resources().stream().filter(r -> PlanFile.POOL_LABEL.containsKey(r.type())).count());
    }

    @Test
    void poolsListsBoundsUrnsAndTheNodeLabel(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("plan.json");
        Files.writeString(file, PlanJson.write(Planner.plan(Fixtures.config("prod", Cloud.GCP))));
        var o = run("pools", "prod", "--cloud", "gcp", "--plan", file.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of("general e2-standard-4 3 3 9 urn:pulumi:prod::strata::pulumi:pulumi:Stack"
                + "$strata:gcp:GcpPlatform$strata:gcp:GcpCluster$gcp:container/nodePool:NodePool::strata-prod-cluster-general"
                + " strata-dev-pool=general"), o.lines());
    }

    @Test
    void stackFactsAndBadInput() {
        var o = run("stack", "prod", "--cloud", "gcp");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.lines().containsAll(List.of("cloud=gcp", "environment=prod", "region=us-central1",
                "gcpProject=strata-prod-4711", "namespace=strata", "appReplicas=3", "dbInstanceClass=db-custom-4-16384")),
                o.out());
        assertEquals(2, run("stack", "prod", "--cloud", "azure").code());
        assertEquals(2, run("stack", "nope").code());
        assertEquals(2, run("stack").code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("stack", "dev", "--color", "red").code());
    }

    @Test
    void liveOutputsComeFromTheStackExportByUrn(@TempDir Path tmp) throws Exception {
        Path export = tmp.resolve("state.json");
        Files.writeString(export, """
                {"version": 3, "deployment": {"resources": [
                  {"urn": "urn:a", "id": "db-1", "outputs": {"identifier": "db-1", "vpcSecurityGroupIds": ["sg-1", "sg-2"],
                   "settings": {"ipConfiguration": {"privateNetwork": "projects/p/global/networks/n"}},
                   "flags": [{"name": "x"}],
                   "password": {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:x"}}}]}}
                """);
        var state = StateFile.read(export);
        assertEquals("db-1", state.output("urn:a", "identifier"));
        assertEquals("db-1", state.output("urn:a", "id"));
        assertEquals("sg-1 sg-2", state.output("urn:a", "vpcSecurityGroupIds"));
        assertEquals("projects/p/global/networks/n", state.output("urn:a", "settings.ipConfiguration.privateNetwork"));
        assertEquals("x", state.output("urn:a", "flags[0].name"));
        var o = run("state", export.toString(), "urn:a", "password");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("is a secret; it is not read here"), o.err());
        assertFalse(o.out().contains("ciphertext"));
        assertTrue(run("state", export.toString(), "urn:b", "identifier").err().contains("is it deployed?"));
        assertTrue(run("state", export.toString(), "urn:a", "nope").err().contains("has no output nope"));
    }
}
