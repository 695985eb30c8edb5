package dev.strata.gcp;

import dev.strata.config.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpRangesTest {

    @Test
    void carvesASlash16() {
        var r = GcpRanges.carve(Cidr.parse("10.40.0.0/16"));
        assertEquals("10.40.0.0/20", r.nodes().toString());
        assertEquals("10.40.128.0/17", r.pods().toString());
        assertEquals("10.40.16.0/20", r.services().toString());
        assertEquals("10.40.32.0/20", r.privateServices().toString());
        assertEquals("10.40.48.0/28", r.controlPlane().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/16", "172.16.0.0/18", "192.168.16.0/20"})
    void rangesLieInsideAndNeverOverlap(String vpc) {
        var v = Cidr.parse(vpc);
        var r = GcpRanges.carve(v);
        var all = List.of(r.nodes(), r.pods(), r.services(), r.privateServices(), r.controlPlane());
        for (int i = 0; i < all.size(); i++) {
            assertTrue(v.contains(all.get(i)));
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), all.get(i) + " / " + all.get(j));
            }
        }
        assertEquals(v.size() / 2, r.pods().size(), "pods get half: alias IPs");
        assertEquals(28, r.controlPlane().prefix());
    }

    @Test
    void rejectsASmallVpc() {
        assertThrows(IllegalArgumentException.class, () -> GcpRanges.carve(Cidr.parse("10.0.0.0/22")));
    }
}
