package dev.inkan.properties.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.properties.TestSpecs;
import dev.inkan.properties.adapter.ModelOnly;
import dev.inkan.properties.coverage.Coverage;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomChainsTest {
    private static final List<String> MINIMAL = List.of("Counter(phone1).start(m=1)", "Counter(phone1).inc",
            "Counter(phone1).inc", "Counter(phone1).inc", "Counter(phone1).inc", "Counter(phone1).inc");

    @Test
    void findsThePlantedViolationAndShrinksItToTheMinimalChain() {
        Model model = TestSpecs.model("planted");
        int inv = model.info().invariants().get(0).index();
        RandomChains.Result r = new RandomChains(model, new ModelOnly(), Checks.invariant(inv),
                ChainConfig.defaults("planted"), new Coverage(model.info())).run();
        Failure f = r.failure();
        assertNotNull(f, "random chains must find the planted NeverFive violation");
        assertEquals(Property.invariant("NeverFive"), f.property());
        assertTrue(f.found().size() >= 6);
        assertEquals(MINIMAL, f.shrunk().stream().map(a -> ModelText.action(model, a)).toList(),
                TracePrinter.print(model, f.shrunk(), -1));
        System.out.printf("NeverFive: found by chain %d after %d steps (%.1f ms), %d-step chain shrunk to %d with %d "
                        + "replays (%.1f ms)%n", f.chainIndex() + 1, f.stepsToFind(), f.nanosToFind() / 1e6,
                f.found().size(), f.shrunk().size(), f.shrinkReplays(), f.nanosToShrink() / 1e6);
        System.out.print(TracePrinter.print(model, f.shrunk(), -1));
    }

    @Test
    void theShrunkChainReplaysToTheSameViolation() {
        Model model = TestSpecs.model("planted");
        Failure f = new RandomChains(model, new ModelOnly(), Checks.all(model.info()),
                ChainConfig.defaults("replay"), null).run().failure();
        assertNotNull(f);
        Replay.Result r = Replay.run(new Execution(model, new ModelOnly(), Checks.all(model.info()), null), f.shrunk());
        assertTrue(r.failed());
        assertEquals(f.property(), r.violation().property());
        assertEquals(f.shrunk().size() - 1, r.step(), "it fails at its last step");
    }

    @Test
    void theSameSeedGivesTheSameChains() {
        Model model = TestSpecs.model("planted");
        ChainConfig c = ChainConfig.defaults("determinism").withSeed(1234);
        Failure a = new RandomChains(model, new ModelOnly(), Checks.all(model.info()), c, null).run().failure();
        Failure b = new RandomChains(model, new ModelOnly(), Checks.all(model.info()), c, null).run().failure();
        assertEquals(a.found(), b.found());
        assertEquals(a.seed(), b.seed());
        // the failing chain's own seed, given as the base seed, finds it first
        Failure again = new RandomChains(model, new ModelOnly(), Checks.all(model.info()), c.withSeed(a.seed()), null)
                .run().failure();
        assertEquals(0, again.chainIndex());
        assertEquals(a.found(), again.found());
    }

    @Test
    void aCleanSpecPassesAndItsChainsCoverItsTransitions() {
        Model model = TestSpecs.model("clean");
        Coverage cov = new Coverage(model.info());
        RandomChains.Result r = new RandomChains(model, new ModelOnly(), Checks.all(model.info()),
                ChainConfig.defaults("clean"), cov).run();
        assertNull(r.failure(), () -> r.failure().violation().toString());
        assertEquals(ChainConfig.DEFAULT_TRIES, r.chains());
        assertEquals(List.of(), cov.missing().stream().map(t -> t.label()).toList());
        assertTrue(cov.requirements().contains("LIFE-1"));
    }

    @Test
    void zeroWeightEventsAreNeverChosen() {
        Model model = TestSpecs.model("planted");
        Coverage cov = new Coverage(model.info());
        ChainConfig c = ChainConfig.defaults("weights").withWeight("Counter.inc", 0);
        assertNull(new RandomChains(model, new ModelOnly(), Checks.all(model.info()), c, cov).run().failure(),
                "without inc, n never moves");
        int inc = model.info().event("Counter", "inc").id();
        for (var t : model.info().transitions()) {
            if (t.event() == inc) {
                assertEquals(0, cov.taken(t.id()));
            }
        }
    }

    @Test
    void actionsPrintAndParseAlike() {
        Model model = TestSpecs.model("planted");
        Action a = ModelText.parseAction(model, "Counter(phone2).start(m=3)");
        assertEquals("Counter(phone2).start(m=3)", ModelText.action(model, a));
        assertEquals(a, ModelText.parseAction(model, "Counter(phone2).start(3)"));
    }
}
