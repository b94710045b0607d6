package dev.inkan.properties.adapter.jcardsim;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.inkan.properties.chain.ChainConfig;
import dev.inkan.properties.chain.Checks;
import dev.inkan.properties.chain.RandomChains;
import dev.inkan.properties.chain.TracePrinter;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random chains on the whole in-process system, every invariant and monitor checked on the model
 * and every step compared with the SEs and applets, refusals probed (REQ SYS-5, SYS-6, PRE-8,
 * ACC-1, UX-1, LIFE-11). Fixed seeds and modest tries for CI; {@code -Dinkan.tries},
 * {@code -Dinkan.seed}, {@code -Dinkan.length} for longer runs.
 */
class FullSystemChainsTest {
    static ChainConfig config(String name, int tries, int length) {
        ChainConfig c = ChainConfig.fromSystemProperties("FullSystem." + name);
        if (System.getProperty("inkan.tries") == null) {
            c = c.withTries(tries);
        }
        if (System.getProperty("inkan.length") == null) {
            c = c.withLength(length);
        }
        return c;
    }

    static void assertPasses(Model model, RandomChains.Result r) {
        assertNull(r.failure(), () -> r.failure().property() + ": " + r.failure().violation().message() + "\n"
                + TracePrinter.print(model, r.failure().shrunk(), -1));
        System.out.printf("full system: %d chains, %d steps, %.2f s%n", r.chains(), r.steps(), r.nanos() / 1e9);
    }

    @Test
    void fromANewPhone() {
        Model model = SystemSpec.model();
        try (JcardsimSystem impl = new JcardsimSystem()) {
            RandomChains.Result r = new RandomChains(model, impl, Checks.all(model.info()),
                    config("fromANewPhone", 500, 40), null).run();
            assertPasses(model, r);
        }
    }

    @Test
    void fromAPhoneInUse() {
        Model model = SystemSpec.model();
        List<Action> start = SystemSpec.firstUse(model);
        try (JcardsimSystem impl = new JcardsimSystem()) {
            RandomChains.Result r = new RandomChains(model, impl, Checks.all(model.info()),
                    config("fromAPhoneInUse", 500, 30), null, List.of(start)).alwaysStart().run();
            assertPasses(model, r);
        }
    }

    /**
     * Long chains from a phone in use, without key generation (0.3-0.7 s per RSA-2048 key in
     * jcardsim): registry, push, SCP03, PIN and signature paths interleave further, other persons
     * apply on the phone (they found F4, see FormerFindingsTest).
     */
    @Test
    void fromAPhoneInUseLongChains() {
        Model model = SystemSpec.model();
        List<Action> start = SystemSpec.firstUse(model);
        try (JcardsimSystem impl = new JcardsimSystem()) {
            RandomChains.Result r = new RandomChains(model, impl, Checks.all(model.info()),
                    config("fromAPhoneInUseLongChains", 40, 120).withWeight("JpkiApplet.generateKey", 0),
                    null, List.of(start)).alwaysStart().run();
            assertPasses(model, r);
        }
    }
}
