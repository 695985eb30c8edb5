package dev.strata.random;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.test.PulumiTest;
import dev.strata.config.Cloud;
import dev.strata.support.Fixtures;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomPasswordTest {

    @Test
    void registersTheProviderTypeWithItsInputsAndASecretResult() {
        var cfg = Fixtures.config("dev", Cloud.AWS);
        var holder = new AtomicReference<RandomPassword>();
        var run = MockRun.run(cfg, ctx -> holder.set(new RandomPassword("db-password", RandomPasswordArgs.builder()
                .length(32).special(true).overrideSpecial("!#%*-_=+").minUpper(2).minLower(2).minNumeric(2)
                .keepers(Map.of("rotation", "2026-11")).build(), null)));

        var inputs = run.mocks().inputs("random:index/randomPassword:RandomPassword", "db-password");
        assertEquals(32, ((Number) inputs.get("length")).intValue());
        assertEquals(true, inputs.get("special"));
        assertEquals("!#%*-_=+", inputs.get("overrideSpecial"));
        assertEquals(Map.of("rotation", "2026-11"), inputs.get("keepers"));

        Output<String> result = holder.get().result();
        assertTrue(Internal.of(result).isSecret().join(), "result must be secret");
        String password = PulumiTest.extractValue(result);
        assertEquals(32, password.length());
        assertTrue(run.mocks().generatedSecrets().contains(password));
    }

    @Test
    void pinsThePluginVersionAndMarksSecretOutputs() {
        var opts = RandomPassword.makeResourceOptions(null, null);
        assertEquals(java.util.Optional.of(RandomPassword.PLUGIN_VERSION), opts.getVersion());
        assertEquals(List.of("result", "bcryptHash"), opts.getAdditionalSecretOutputs());
        assertTrue(RandomPassword.PLUGIN_VERSION.matches("4\\.\\d+\\.\\d+"));
    }

    @Test
    void rejectsWeakOrMissingLength() {
        assertThrows(IllegalArgumentException.class, () -> RandomPasswordArgs.builder().length(8));
        assertThrows(NullPointerException.class, () -> RandomPasswordArgs.builder().build());
    }
}
