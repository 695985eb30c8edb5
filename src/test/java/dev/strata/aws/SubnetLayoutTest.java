package dev.strata.aws;

import dev.strata.config.Cidr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetLayoutTest {
    private static final List<String> ZONES = List.of("eu-west-1a", "eu-west-1b", "eu-west-1c");

    @Test
    void carvesASlash16() {
        var z = SubnetLayout.carve(Cidr.parse("10.40.0.0/16"), ZONES);
        assertEquals(List.copyOf(ZONES), List.copyOf(z.keySet()));
        assertEquals("10.40.0.0/18", z.get("eu-west-1a").privateSubnet().toString());
        assertEquals("10.40.128.0/18", z.get("eu-west-1c").privateSubnet().toString());
        assertEquals("10.40.192.0/22", z.get("eu-west-1a").publicSubnet().toString());
        assertEquals("10.40.200.0/22", z.get("eu-west-1c").publicSubnet().toString());
        assertEquals("10.40.204.0/22", z.get("eu-west-1a").databaseSubnet().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/16", "172.16.0.0/17", "192.168.0.0/18", "10.99.16.0/20"})
    void subnetsLieInsideTheVpcAndNeverOverlap(String vpc) {
        Cidr v = Cidr.parse(vpc);
        var all = new ArrayList<Cidr>();
        SubnetLayout.carve(v, ZONES).values().forEach(z -> all.addAll(List.of(z.publicSubnet(), z.privateSubnet(),
                z.databaseSubnet())));
        assertEquals(9, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertTrue(v.contains(all.get(i)), all.get(i) + " outside " + v);
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), all.get(i) + " overlaps " + all.get(j));
            }
        }
        // private subnets get the bulk of the space: pods take VPC addresses
        assertEquals(v.size() / 4, all.get(1).size());
        assertTrue(all.get(0).size() >= 16);
    }

    @Test
    void rejectsTheWrongZoneCountOrATooSmallVpc() {
        assertThrows(IllegalArgumentException.class, () -> SubnetLayout.carve(Cidr.parse("10.0.0.0/16"),
                List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> SubnetLayout.carve(Cidr.parse("10.0.0.0/22"), ZONES));
    }
}
