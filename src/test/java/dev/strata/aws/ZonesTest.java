package dev.strata.aws;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Item 9: zones chosen by zone id, never one EKS does not support. */
class ZonesTest {

    @Test
    void choosesByZoneIdAndSkipsTheIdsEksDoesNotSupport() {
        // an account where us-east-1a is the unsupported use1-az3 (name -> id differs per account)
        var chosen = Zones.choose("us-east-1", List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"),
                List.of("use1-az3", "use1-az6", "use1-az1", "use1-az2"), 3);
        assertEquals(Map.of("us-east-1c", "use1-az1", "us-east-1d", "use1-az2", "us-east-1b", "use1-az6"), chosen);
        assertEquals(List.of("us-east-1c", "us-east-1d", "us-east-1b"), List.copyOf(chosen.keySet()), "in id order");
    }

    @Test
    void tooFewSupportedZonesIsAClearError() {
        var e = assertThrows(IllegalStateException.class, () -> Zones.choose("us-west-1",
                List.of("us-west-1a", "us-west-1b", "us-west-1c"), List.of("usw1-az1", "usw1-az2", "usw1-az3"), 3));
        assertEquals("region us-west-1 has only 2 availability zones without opt-in that EKS supports ([usw1-az1,"
                + " usw1-az3]); the platform needs 3", e.getMessage());
    }
}
