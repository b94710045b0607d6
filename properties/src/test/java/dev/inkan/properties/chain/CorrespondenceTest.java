package dev.inkan.properties.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.properties.TestSpecs;
import dev.inkan.properties.adapter.Implementation;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The correspondence property, against a small hand-written implementation of the planted spec's counters. */
class CorrespondenceTest {
    /** Counters written by hand, with seams for two faults. */
    static final class Counters implements Implementation {
        final boolean stopsAtThree;
        final boolean refusesReset;
        boolean[] counting;
        int[] n;
        int[] mode;

        Counters(boolean stopsAtThree, boolean refusesReset) {
            this.stopsAtThree = stopsAtThree;
            this.refusesReset = refusesReset;
        }

        @Override
        public String name() {
            return "counters";
        }

        @Override
        public void reset(Model model) {
            int phones = model.domainSizes()[0];
            counting = new boolean[phones];
            n = new int[phones];
            mode = new int[phones];
        }

        @Override
        public Response apply(Model model, Action a, byte[] after) {
            ModelInfo.Event e = model.info().events().get(a.event());
            int ph = model.instanceParams(e.machine(), a.instance())[0];
            switch (e.name()) {
                case "start" -> {
                    if (counting[ph]) {
                        return Response.refused("already counting");
                    }
                    counting[ph] = true;
                    mode[ph] = a.arg(0);
                }
                case "inc" -> {
                    if (!counting[ph] || mode[ph] == 0 || n[ph] >= 7) {
                        return Response.refused("cannot count");
                    }
                    n[ph] = stopsAtThree && n[ph] >= 3 ? n[ph] : n[ph] + 1;
                }
                case "reset" -> {
                    if (refusesReset || !counting[ph]) {
                        return Response.refused("reset refused");
                    }
                    counting[ph] = false;
                    n[ph] = 0;
                }
                case "fiddle" -> {
                    if (counting[ph] != (a.arg(0) == 0)) {
                        return Response.refused("no fiddling now");
                    }
                }
                default -> {
                    return Response.refused("unknown event " + e.name());
                }
            }
            return Response.OK;
        }

        @Override
        public Map<String, String> observe() {
            Map<String, String> out = new LinkedHashMap<>();
            for (int ph = 0; ph < n.length; ph++) {
                String inst = "Counter(phone" + (ph + 1) + ")";
                out.put(inst, counting[ph] ? "Counting" : "Idle");
                out.put(inst + ".n", Integer.toString(n[ph]));
                out.put(inst + ".mode", Integer.toString(mode[ph]));
            }
            return out;
        }
    }

    private static RandomChains.Result run(Implementation impl) {
        Model model = TestSpecs.model("planted");
        return new RandomChains(model, impl, Checks.conformance(), ChainConfig.defaults("correspondence"), null).run();
    }

    @Test
    void aFaithfulImplementationCorresponds() {
        RandomChains.Result r = run(new Counters(false, false));
        assertNull(r.failure(), () -> r.failure().violation().toString());
    }

    @Test
    void aWrongValueIsFoundAndShrunk() {
        Model model = TestSpecs.model("planted");
        Failure f = run(new Counters(true, false)).failure();
        assertNotNull(f);
        assertEquals(Property.correspondence("counters"), f.property());
        assertEquals(List.of("Counter(phone1).start(m=1)", "Counter(phone1).inc", "Counter(phone1).inc",
                "Counter(phone1).inc", "Counter(phone1).inc"), f.shrunk().stream().map(a -> ModelText.action(model, a))
                .toList());
        assertTrue(f.violation().message().contains("Counter(phone1).n: model 4, implementation 3"),
                f.violation().message());
    }

    @Test
    void aRefusalIsFoundAndShrunk() {
        Model model = TestSpecs.model("planted");
        Failure f = run(new Counters(false, true)).failure();
        assertNotNull(f);
        assertEquals(List.of("Counter(phone1).start(m=0)", "Counter(phone1).reset"), f.shrunk().stream()
                .map(a -> ModelText.action(model, a)).toList());
        assertTrue(f.violation().message().contains("the implementation refused it: reset refused"),
                f.violation().message());
    }
}
