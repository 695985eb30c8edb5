package dev.strata.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamingTest {

    @Test
    void namesDeriveFromProjectAndStack() {
        var n = new Naming("strata", "dev");
        assertEquals("strata-dev", n.prefix());
        assertEquals("strata-dev-aws", n.of("aws"));
        assertEquals("strata-dev-network-vpc", Naming.child(n.of("network"), "vpc"));
        assertNotEquals(new Naming("strata", "prod").of("aws"), n.of("aws"));
        assertThrows(IllegalArgumentException.class, () -> new Naming("strata", " "));
    }

    @Test
    void physicalNamesAreDnsLabels() {
        var n = new Naming("Strata", "Dev_Stack");
        assertEquals("strata-dev-stack-db", n.physical("db", 63));
        assertEquals("s-1-dev-x", new Naming("1", "dev").physical("x", 63));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 20, 32, 63})
    void longNamesAreCutStablyAndStayDistinct(int max) {
        var rnd = new Random(42);
        var seen = new HashSet<String>();
        for (int i = 0; i < 500; i++) {
            String role = "role-" + Long.toHexString(rnd.nextLong()) + "-" + "x".repeat(rnd.nextInt(60));
            String name = new Naming("strata", "prod").physical(role, max);
            assertTrue(name.length() <= max, name);
            assertTrue(name.matches("[a-z]([a-z0-9-]*[a-z0-9])?"), name);
            assertEquals(name, new Naming("strata", "prod").physical(role, max), "stable");
            assertTrue(seen.add(name) || max < 20, "distinct: " + name);
        }
    }
}
