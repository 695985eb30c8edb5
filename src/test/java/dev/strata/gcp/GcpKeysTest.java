package dev.strata.gcp;

import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpKeysTest {

    @Test
    void rotatingKeysUsableOnlyByTheirServiceAgents() {
        var m = MockRun.run(GcpFixture.prod(), ctx -> new GcpKeys("keys", new GcpKeys.Args(GcpFixture.PROJECT, true),
                ComponentResourceOptions.Empty)).mocks();
        var keys = m.ofType("gcp:kms/cryptoKey:CryptoKey");
        assertEquals(2, keys.size());
        keys.forEach(k -> assertEquals(GcpKeys.ROTATION, k.inputs.get("rotationPeriod")));
        var grants = m.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember");
        assertEquals(4, grants.size());
        for (var g : grants) {
            assertEquals(GcpKeys.ENCRYPTER, g.inputs.get("role"));
            assertTrue(g.inputs.get("member").toString().startsWith("serviceAccount:service-100000000001@"),
                    "only service agents: " + g.inputs.get("member"));
        }
    }
}
