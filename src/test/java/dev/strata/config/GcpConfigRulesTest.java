package dev.strata.config;

import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Config rules only the GCP side has: the prod domain, the Cloud SQL edition, the CI identity's ids. */
class GcpConfigRulesTest {

    /** Without a domain the certificate would be issued for <ip>.nip.io, a name a third party controls. */
    @Test
    void prodOnGcpRequiresADomain() {
        var e = assertThrows(ConfigException.class, () -> Fixtures.config("prod", Cloud.GCP, Map.of("edgeDomain", "",
                "awsHostedZoneId", "")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("strata:edgeDomain is not set: it is required in prod on gcp"),
                e.getMessage());
        assertEquals("counter.example.com", Fixtures.config("prod", Cloud.GCP).edge().domain().orElseThrow());
        Fixtures.config("dev", Cloud.GCP, Map.of("edgeDomain", ""));
        Fixtures.config("prod", Cloud.AWS, Map.of("edgeDomain", "", "awsHostedZoneId", ""));
    }

    @Test
    void cloudSqlEditionIsPinnedAndTheTierMustRunOnIt() {
        assertEquals("ENTERPRISE", Fixtures.config("prod", Cloud.GCP).database().edition());
        var e = assertThrows(ConfigException.class, () -> Fixtures.config("dev", Cloud.GCP,
                Map.of("dbEdition", "ENTERPRISE_PLUS")));
        assertEquals(List.of("strata:dbTier = \"db-custom-2-7680\" does not run on strata:dbEdition ="
                + " \"ENTERPRISE_PLUS\": ENTERPRISE takes db-custom-N-M and shared-core tiers, ENTERPRISE_PLUS takes"
                + " db-perf-optimized-N-<vcpus>"), e.problems());
        var plus = Fixtures.config("dev", Cloud.GCP, Map.of("dbEdition", "ENTERPRISE_PLUS",
                "dbTier", "db-perf-optimized-N-2"));
        assertEquals("db-perf-optimized-N-2", plus.database().instanceClass());
        assertThrows(ConfigException.class, () -> Fixtures.config("dev", Cloud.GCP,
                Map.of("dbTier", "db-perf-optimized-N-2")), "ENTERPRISE refuses a performance-optimized tier");
        var bad = assertThrows(ConfigException.class, () -> Fixtures.config("dev", Cloud.GCP,
                Map.of("dbEdition", "STANDARD")));
        assertTrue(bad.getMessage().contains("strata:dbEdition = \"STANDARD\": allowed: [ENTERPRISE, ENTERPRISE_PLUS]"),
                bad.getMessage());
    }

    @Test
    void aGcpCiIdentityNeedsGithubsNumericIds() {
        var e = assertThrows(ConfigException.class, () -> Fixtures.config("dev", Cloud.GCP,
                Map.of("ciGithubRepo", "acme/strata")));
        assertTrue(e.getMessage().contains("strata:ciGithubRepo = \"acme/strata\" needs strata:ciGithubRepoId and"
                + " strata:ciGithubOwnerId on gcp"), e.getMessage());
        var ok = Fixtures.config("dev", Cloud.GCP, Map.of("ciGithubRepo", "acme/strata", "ciGithubRepoId", "123",
                "ciGithubOwnerId", "456"));
        assertEquals("123", ok.ci().githubRepoId().orElseThrow());
        Fixtures.config("dev", Cloud.AWS, Map.of("ciGithubRepo", "acme/strata"));
        assertThrows(ConfigException.class, () -> Fixtures.config("dev", Cloud.GCP, Map.of("ciGithubRepo",
                "acme/strata", "ciGithubRepoId", "acme", "ciGithubOwnerId", "456")));
    }
}
