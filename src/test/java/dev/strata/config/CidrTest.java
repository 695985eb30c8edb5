package dev.strata.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    @ParameterizedTest
    @CsvSource({"10.0.0.0/16,65536", "192.168.4.0/24,256", "0.0.0.0/0,4294967296", "10.1.2.3/32,1"})
    void parsesAndRoundTrips(String text, long size) {
        var c = Cidr.parse(text);
        assertEquals(text, c.toString());
        assertEquals(size, c.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1/16| host bits are set; the network address is 10.0.0.0/16",
            "256.0.0.0/8| octet 256 is above 255",
            "10.0.0.0/33| prefix /33 is above /32",
            "10.0.0.0| not an IPv4 CIDR like 10.0.0.0/16",
            "fd00::/8| not an IPv4 CIDR like 10.0.0.0/16"})
    void rejectsWithAReason(String text, String reason) {
        var e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void containmentAndPrivateRanges() {
        assertTrue(Cidr.parse("10.0.0.0/8").contains(Cidr.parse("10.40.0.0/16")));
        assertFalse(Cidr.parse("10.40.0.0/16").contains(Cidr.parse("10.0.0.0/8")));
        assertFalse(Cidr.parse("10.40.0.0/16").contains(Cidr.parse("10.41.0.0/24")));
        assertTrue(Cidr.parse("172.20.0.0/16").isPrivate());
        assertTrue(Cidr.parse("192.168.0.0/16").isPrivate());
        assertFalse(Cidr.parse("172.32.0.0/16").isPrivate());
        assertFalse(Cidr.parse("8.8.8.0/24").isPrivate());
    }
}
