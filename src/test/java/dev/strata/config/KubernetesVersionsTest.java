package dev.strata.config;

import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Item 1: the Kubernetes version window, one table, validated at config load. */
class KubernetesVersionsTest {

    private static StackConfig load(Cloud cloud, String version, LocalDate day) {
        return StackConfigLoader.load(Fixtures.source("dev", cloud, Map.of("kubernetesVersion", version)), day);
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void theDefaultMinorIsInStandardSupportOnBothCloudsOnTheCheckedDate(Cloud cloud) {
        var w = KubernetesVersions.window(KubernetesVersions.DEFAULT).orElseThrow();
        assertTrue(w.inStandardSupport(cloud, KubernetesVersions.CHECKED), w + " on " + cloud);
        assertEquals(KubernetesVersions.DEFAULT, Fixtures.config("dev", cloud).cluster().kubernetesVersion());
    }

    @Test
    void aMinorPastStandardSupportIsRejectedWithItsWindow() {
        // 1.30: past EKS extended support (July 2026) and gone from GKE: CreateCluster is refused on both
        var e = assertThrows(ConfigException.class, () -> load(Cloud.AWS, "1.30", LocalDate.of(2026, 12, 2)));
        assertTrue(e.getMessage().contains("strata:kubernetesVersion = \"1.30\": allowed on aws on 2026-12-02: [1.34, 1.35]"),
                e.getMessage());
        // 1.34 ends EKS standard support on 2026-12-02: the next day it is refused with its window
        var late = assertThrows(ConfigException.class, () -> load(Cloud.AWS, "1.34", LocalDate.of(2026, 12, 3)));
        assertTrue(late.getMessage().contains("is in standard support on aws only from 2025-10-06 to 2026-12-02"),
                late.getMessage());
        // ... and GKE ended it in August
        assertThrows(ConfigException.class, () -> load(Cloud.GCP, "1.34", LocalDate.of(2026, 12, 2)));
        assertEquals("1.34", load(Cloud.AWS, "1.34", LocalDate.of(2026, 11, 1)).cluster().kubernetesVersion());
    }

    @Test
    void everyMinorHasConsistentDatesAndAMatchingAutoscaler() {
        for (var w : KubernetesVersions.all().values()) {
            for (Cloud c : Cloud.values()) {
                assertTrue(w.available(c).isBefore(w.endOfStandard(c)), w.toString());
            }
            assertEquals("v" + w.minor() + ".0", w.clusterAutoscalerTag());
        }
    }
}
