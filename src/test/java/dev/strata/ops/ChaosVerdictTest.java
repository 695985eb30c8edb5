package dev.strata.ops;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaosVerdictTest {
    static final BigDecimal TENTH = new BigDecimal("0.1");

    static String load(long requests, long ok, long unique, long min, long max) {
        return "{\"model\":\"open\",\"connections\":16,\"requests\":" + requests + ",\"ok\":" + ok + ",\"errors\":"
                + (requests - ok) + ",\"p99_ms\":9.5,\"values\":" + ok + ",\"unique\":" + unique + ",\"min\":" + min
                + ",\"max\":" + max + "}";
    }

    @Test
    void anExactRunWithinTheThresholdPasses() {
        var v = ChaosVerdict.of(load(2000, 2000, 2000, 11, 2010), 10, 2010, TENTH);
        assertTrue(v.passed(), v.report().toString());
        assertTrue(v.report().contains("PASS: exact (no other traffic)"), v.report().toString());
    }

    @Test
    void errorsExactlyAtTheThresholdPassAndOneMoreFails() {
        // 2 of 2000 = 0.1 %: at the threshold
        assertTrue(ChaosVerdict.of(load(2000, 1998, 1998, 11, 2008), 10, 2008, TENTH).passed());
        var v = ChaosVerdict.of(load(2000, 1997, 1997, 11, 2007), 10, 2007, TENTH);
        assertFalse(v.passed());
        assertTrue(v.report().contains("FAIL: error ratio above the threshold"), v.report().toString());
    }

    @Test
    void aValueHandedOutTwiceFails() {
        var v = ChaosVerdict.of(load(100, 100, 99, 11, 109), 10, 110, TENTH);
        assertFalse(v.passed());
        assertTrue(v.report().contains("FAIL: 1 counter values were handed out more than once"), v.report().toString());
    }

    @Test
    void answersTheCountersGrowthCannotExplainFail() {
        assertFalse(ChaosVerdict.of(load(100, 100, 100, 5, 104), 10, 110, TENTH).passed());
        assertFalse(ChaosVerdict.of(load(100, 100, 100, 11, 110), 10, 100, TENTH).passed());
        // other clients also counted: still exact for this run's answers
        var v = ChaosVerdict.of(load(100, 100, 100, 20, 130), 10, 140, TENTH);
        assertTrue(v.passed(), v.report().toString());
        assertTrue(v.report().get(v.report().size() - 1).contains("30 increments from other clients"), v.report().toString());
    }

    @Test
    void noRequestsOrNoJsonIsNotAPass() {
        assertFalse(ChaosVerdict.of(load(0, 0, 0, 0, 0), 10, 10, TENTH).passed());
        assertThrows(IllegalArgumentException.class, () -> ChaosVerdict.of("connection refused", 1, 2, TENTH));
        assertThrows(IllegalArgumentException.class, () -> ChaosVerdict.of("{\"model\":\"idle\"}", 1, 2, TENTH));
    }
}
