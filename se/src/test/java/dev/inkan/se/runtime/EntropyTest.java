package dev.inkan.se.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.testapplets.KeyHoldingTestApplet;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two simulated chips never make the same keys or random bytes (REQ CRY-1, CRY-4): jcardsim's
 * generators start from a fixed state, so the SE seeds them from the host.
 */
class EntropyTest {
    private static final Aid APP = Aid.of("F0494E4B414E0101");

    private static SecureElement se() {
        SeConfig c = new SeConfig();
        c.addApplet(APP.hex(), KeyHoldingTestApplet.class);
        SecureElement se = TestSe.start(c);
        Sw.check(se.transmit(GpCommands.select(APP)));
        return se;
    }

    @Test
    void keyPairsMadeOnCommandDifferAcrossChipsAndCalls() throws Exception {
        Set<String> moduli = new HashSet<>();
        for (int chip = 0; chip < 2; chip++) {
            try (SecureElement se = se()) {
                for (int i = 0; i < 2; i++) {
                    byte[] modulus = TestSe.ok(se.contact(), Hex.decode("8046000000"));
                    assertEquals(128, modulus.length);
                    moduli.add(Hex.encode(modulus));
                }
            }
        }
        assertEquals(4, moduli.size(), "four key pairs, four different moduli");
    }

    @Test
    void randomDataDiffersAcrossChips() throws Exception {
        byte[] a;
        byte[] b;
        try (SecureElement se = se()) {
            a = TestSe.ok(se.contact(), Hex.decode("8084000010"));
        }
        try (SecureElement se = se()) {
            b = TestSe.ok(se.contact(), Hex.decode("8084000010"));
        }
        assertFalse(Arrays.equals(a, b), "two chips drew the same random bytes");
    }
}
