package dev.strata.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Item 16/18: deregistration, then preStop, then drain, all inside the grace period, from one setting. */
class RolloutTimingTest {

    @Test
    void theChainHoldsForEveryAllowedDrain() {
        for (int drain = 5; drain <= 120; drain++) {
            var t = new RolloutTiming(drain);
            assertTrue(t.preStopSeconds() > t.deregistrationDelaySeconds(), "the pod serves until the LB let go");
            assertEquals(drain, t.drainSeconds());
            assertTrue(t.terminationGraceSeconds() > t.preStopSeconds() + t.drainSeconds(),
                    "SIGKILL only after preStop and the whole drain: " + t);
            assertTrue(t.minReadySeconds() >= RolloutTiming.HEALTHY_THRESHOLD * RolloutTiming.HEALTH_CHECK_INTERVAL_SECONDS,
                    "a new pod is available no sooner than the LB can call it healthy");
        }
        var d = new RolloutTiming(20);
        assertEquals(20, d.deregistrationDelaySeconds());
        assertEquals(25, d.preStopSeconds());
        assertEquals(50, d.terminationGraceSeconds());
        assertEquals(25, d.minReadySeconds());
        assertThrows(IllegalArgumentException.class, () -> new RolloutTiming(0));
    }
}
