package dev.inkan.properties.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.properties.TestSpecs;
import dev.inkan.properties.chain.Property;
import dev.inkan.properties.chain.TracePrinter;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.StepObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExplorerTest {
    private static Exploration explore(Model model, boolean symmetry) {
        return new Explorer(model, Explorer.Options.defaults().withSymmetry(symmetry)).run();
    }

    @Test
    void findsTheShortestCounterexample() {
        Model model = TestSpecs.model("planted");
        Exploration ex = explore(model, true);
        assertTrue(ex.complete());
        Counterexample c = ex.violation(Property.invariant("NeverFive"));
        assertNotNull(c);
        assertEquals(6, c.trace().size(), TracePrinter.print(model, c.trace(), -1));
        assertEquals("Counter(phone1).start(m=1)", ModelText.action(model, c.trace().get(0)));
        assertFalse(c.lasso());
        // it replays: the last state breaks the invariant, every earlier one keeps it
        byte[] s = model.initialState();
        for (Action a : c.trace()) {
            assertTrue(model.invariantHolds(0, s));
            assertTrue(model.step(s, a, StepObserver.NONE).ok());
        }
        assertFalse(model.invariantHolds(0, s));
    }

    @Test
    void aCleanSpecHasNoViolationAndReportsItsSize() {
        Model model = TestSpecs.model("clean");
        Exploration ex = explore(model, true);
        assertTrue(ex.complete());
        assertEquals(List.of(), ex.violations());
        assertEquals(List.of(), ex.livenessViolations());
        System.out.printf("clean spec: %d states, %d transitions, depth %d%n", ex.stateCount(), ex.transitions(),
                ex.depth());
        assertTrue(ex.stateCount() > 5);
        assertTrue(ex.transitions() >= ex.stateCount() - 1);
    }

    @Test
    void symmetryReductionKeepsOneStatePerOrbit() {
        Model model = TestSpecs.model("symmetric");
        Exploration full = explore(model, false);
        Exploration reduced = explore(model, true);
        assertTrue(full.complete() && reduced.complete());
        assertEquals(36, reduced.symmetryGroupSize());
        assertTrue(reduced.stateCount() * 10 < full.stateCount(),
                reduced.stateCount() + " reduced vs " + full.stateCount() + " full");
        // every state of the full space is, up to renaming, one of the reduced states, and each is hit
        byte[] s = new byte[model.stateSize()];
        Set<Integer> hit = new HashSet<>();
        for (int id = 0; id < full.stateCount(); id++) {
            full.state(id, s);
            int r = reduced.find(s);
            assertTrue(r >= 0, "a reachable state is missing from the reduced space");
            hit.add(r);
        }
        assertEquals(reduced.stateCount(), hit.size());
        assertEquals(full.depth(), reduced.depth());
        System.out.printf("symmetric spec: %,d states without symmetry, %,d with (group of %d)%n", full.stateCount(),
                reduced.stateCount(), reduced.symmetryGroupSize());
    }

    @Test
    void symmetryTablesAgreeWithModelPermute() {
        Model model = TestSpecs.model("symmetric");
        StateLayout layout = StateLayout.of(model);
        Symmetry sym = Symmetry.of(model, layout, 5040);
        SplittableRandom r = new SplittableRandom(7);
        byte[] s = new byte[model.stateSize()];
        byte[] canon = new byte[s.length];
        byte[] viaModel = new byte[s.length];
        byte[] tmp = new byte[s.length];
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) r.nextInt(Math.max(1, layout.cardinality(i)));
            }
            int g = sym.canonicalize(s, canon);
            // g is person permutation (slow) x phone permutation (fast), each in Symmetry.permutations order
            List<int[]> perms = Symmetry.permutations(3);
            model.permute(s, 0, perms.get(g / 6), tmp);
            model.permute(tmp, 1, perms.get(g % 6), viaModel);
            assertArrayEquals(viaModel, canon);
            // canonical forms are fixed points
            byte[] again = new byte[s.length];
            sym.canonicalize(canon, again);
            assertArrayEquals(canon, again);
        }
    }

    @Test
    void everyRenamingOfAStateHasTheSameCanonicalForm() {
        Model model = TestSpecs.model("symmetric");
        StateLayout layout = StateLayout.of(model);
        Symmetry sym = Symmetry.of(model, layout, 5040);
        SplittableRandom r = new SplittableRandom(11);
        byte[] s = new byte[model.stateSize()];
        byte[] renamed = new byte[s.length];
        byte[] a = new byte[s.length];
        byte[] b = new byte[s.length];
        for (int round = 0; round < 500; round++) {
            for (int i = 0; i < s.length; i++) {
                // few distinct values, so elements often tie
                s[i] = (byte) r.nextInt(Math.max(1, Math.min(2, layout.cardinality(i))));
            }
            sym.apply(r.nextInt(sym.groupSize()), s, renamed);
            sym.canonicalize(s, a);
            sym.canonicalize(renamed, b);
            assertArrayEquals(a, b);
        }
    }

    @Test
    void successorsPackTheSameCanonicalFormAsCanonicalizing() {
        Model model = TestSpecs.model("symmetric");
        StateLayout layout = StateLayout.of(model);
        Symmetry sym = Symmetry.of(model, layout, 5040);
        SplittableRandom r = new SplittableRandom(5);
        int n = model.stateSize();
        byte[] parent = new byte[n];
        byte[] child = new byte[n];
        byte[] canon = new byte[n];
        long[] expected = new long[layout.words()];
        long[] packed = new long[layout.words()];
        long[] parentPacked = new long[layout.words()];
        int[] changed = new int[n];
        for (int round = 0; round < 2000; round++) {
            for (int i = 0; i < n; i++) {
                parent[i] = (byte) r.nextInt(Math.max(1, Math.min(2, layout.cardinality(i))));
            }
            sym.canonicalize(parent.clone(), parent);
            layout.pack(parent, parentPacked);
            sym.parent(parent);
            for (int c = 0; c < 8; c++) {
                System.arraycopy(parent, 0, child, 0, n);
                int changes = 0;
                for (int i = 0; i < n; i++) {
                    if (r.nextInt(n) < 3 && layout.cardinality(i) > 1) {
                        child[i] = (byte) r.nextInt(layout.cardinality(i));
                    }
                    if (child[i] != parent[i]) {
                        changed[changes++] = i;
                    }
                }
                int g = sym.packSuccessor(parent, child, changed, changes, layout, packed, 0);
                int h = sym.canonicalize(child, canon);
                layout.pack(canon, expected);
                if (g < 0) {
                    layout.repack(parentPacked, child, changed, changes, packed, 0);
                    assertEquals(0, h);
                } else {
                    assertEquals(h, g);
                }
                assertArrayEquals(expected, packed);
            }
        }
    }

    @Test
    void packingRoundTrips() {
        Model model = TestSpecs.model("symmetric");
        StateLayout layout = StateLayout.of(model);
        assertTrue(layout.words() < model.stateSize() / 8 + 1, "packing must beat a byte per slot");
        SplittableRandom r = new SplittableRandom(3);
        byte[] s = new byte[model.stateSize()];
        byte[] back = new byte[s.length];
        long[] packed = new long[layout.words()];
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (byte) r.nextInt(Math.max(1, layout.cardinality(i)));
            }
            layout.pack(s, packed);
            layout.unpack(packed, 0, back);
            assertArrayEquals(s, back);
        }
    }

    @Test
    void reportsALassoWhenAHotStateIsNeverLeft() {
        Model model = TestSpecs.model("liveness");
        for (boolean symmetry : new boolean[] {true, false}) {
            Exploration ex = explore(model, symmetry);
            assertTrue(ex.complete());
            Counterexample c = ex.violation(Property.liveness("DeletionHappens"));
            assertNotNull(c, "symmetry " + symmetry);
            assertNull(ex.violation(Property.liveness("ComesBack")), "ComesBack is always left");
            assertTrue(c.lasso());
            String trace = TracePrinter.print(model, c.trace(), c.loopFrom());
            // the prefix requests a deletion and loses the phone; from there the deletion cannot happen
            List<String> steps = c.trace().stream().map(a -> ModelText.action(model, a)).toList();
            assertTrue(steps.subList(0, c.loopFrom()).contains("Deletion(phone1).request")
                    || steps.subList(0, c.loopFrom()).contains("Deletion(phone2).request"), trace);
            assertTrue(steps.stream().anyMatch(s -> s.endsWith(".lose")), trace);
            byte[] s = model.initialState();
            for (Action a : c.trace()) {
                assertTrue(model.step(s, a, StepObserver.NONE).ok(), trace);
            }
            System.out.println("liveness (symmetry " + symmetry + "): " + c.message() + "\n" + trace);
        }
    }

    @Test
    void aLassoMayEndInAStateWhereOnlyLoopsAreLeft() {
        Model model = TestSpecs.model("stuck");
        Exploration ex = explore(model, true);
        Counterexample c = ex.violation(Property.liveness("DeletionHappens"));
        assertNotNull(c);
        String trace = TracePrinter.print(model, c.trace(), c.loopFrom());
        assertTrue(c.lasso(), trace);
        assertTrue(c.message().endsWith("can repeat forever"), c.message());
        // the loop is the retry, taken once the phone is lost, which changes nothing
        List<Action> loop = c.trace().subList(c.loopFrom(), c.trace().size());
        assertEquals(List.of("Deletion(phone1).retry"), loop.stream().map(a -> ModelText.action(model, a)).toList(),
                trace);
        byte[] s = model.initialState();
        for (Action a : c.trace().subList(0, c.loopFrom())) {
            assertTrue(model.step(s, a, StepObserver.NONE).ok(), trace);
        }
        byte[] before = s.clone();
        assertTrue(model.step(s, loop.get(0), StepObserver.NONE).ok(), trace);
        assertArrayEquals(before, s, trace);
        assertTrue(model.hot(s, 0, 0), trace);
    }

    /**
     * The generator lists some actions as loops (a transition known to change nothing), and the
     * explorer counts them without stepping them: stepping each one must take that transition
     * alone and change nothing, in every state of a real exploration of the spec.
     */
    @Test
    void anActionListedAsALoopStepsAsThatLoop() {
        Model model = dev.inkan.generated.model.SpecModel.forSystem("Default");
        Exploration ex = new Explorer(model, Explorer.Options.defaults().withMaxStates(20_000).withLiveness(false))
                .run();
        dev.inkan.properties.chain.ActionBuffer buffer = new dev.inkan.properties.chain.ActionBuffer();
        byte[] s = new byte[model.stateSize()];
        byte[] next = new byte[model.stateSize()];
        List<Integer> taken = new java.util.ArrayList<>();
        StepObserver recorder = new StepObserver() {
            @Override
            public void transition(int transition, int instance, int fromState, int[] args) {
                taken.add(transition);
            }
        };
        long loops = 0;
        long others = 0;
        for (int id = 0; id < ex.stateCount(); id++) {
            ex.state(id, s);
            buffer.fill(model, s);
            for (int k = 0; k < buffer.size(); k++) {
                int loop = buffer.loopTransition(k);
                if (loop < 0) {
                    others++;
                    continue;
                }
                loops++;
                System.arraycopy(s, 0, next, 0, s.length);
                taken.clear();
                Action a = buffer.action(k);
                assertTrue(model.step(next, a, recorder).ok(), () -> ModelText.action(model, a));
                assertEquals(List.of(loop), taken, () -> ModelText.action(model, a));
                assertArrayEquals(s, next, () -> ModelText.action(model, a));
            }
        }
        // both kinds occur, so the check above is not vacuous
        assertTrue(loops > 1000 && others > 1000, loops + " loops, " + others + " others");
    }

    @Test
    void boundsStopTheSearchAndSayWhy() {
        Model model = TestSpecs.model("symmetric");
        Exploration ex = new Explorer(model, Explorer.Options.defaults().withMaxStates(50)).run();
        assertFalse(ex.complete());
        assertEquals(50, ex.stateCount());
        assertTrue(ex.stopReason().contains("state bound"));
        Exploration shallow = new Explorer(model, Explorer.Options.defaults().withMaxDepth(2)).run();
        assertFalse(shallow.complete());
        assertEquals(2, shallow.depth());
    }

    @Test
    void theNumberOfThreadsChangesNothing() {
        int was = Explorer.startWorkersAt;
        Explorer.startWorkersAt = 0;
        try {
            compareOneAndThreeThreads();
        } finally {
            Explorer.startWorkersAt = was;
        }
    }

    private static void compareOneAndThreeThreads() {
        for (String spec : List.of("planted", "symmetric", "liveness")) {
            for (Explorer.Options o : List.of(Explorer.Options.defaults(), Explorer.Options.defaults().withMaxStates(777),
                    Explorer.Options.defaults().withMaxDepth(3), Explorer.Options.defaults().withSymmetry(false))) {
                Model model = TestSpecs.model(spec);
                Exploration one = new Explorer(model, o.withThreads(1)).run();
                Exploration three = new Explorer(TestSpecs.model(spec), o.withThreads(3)).run();
                String what = spec + " " + o;
                assertEquals(one.stateCount(), three.stateCount(), what);
                assertEquals(one.transitions(), three.transitions(), what);
                assertEquals(one.expandedCount(), three.expandedCount(), what);
                assertEquals(one.depth(), three.depth(), what);
                assertEquals(one.stopReason(), three.stopReason(), what);
                byte[] a = new byte[model.stateSize()];
                byte[] b = new byte[model.stateSize()];
                for (int id = 0; id < one.stateCount(); id++) {
                    one.state(id, a);
                    three.state(id, b);
                    assertArrayEquals(a, b, what + ": state " + id);
                    assertEquals(one.idsTo(id), three.idsTo(id), what);
                }
                assertEquals(one.violations().size(), three.violations().size(), what);
                for (int i = 0; i < one.violations().size(); i++) {
                    Counterexample x = one.violations().get(i);
                    Counterexample y = three.violations().get(i);
                    assertEquals(x.property(), y.property(), what);
                    assertEquals(x.trace(), y.trace(), what);
                }
                assertEquals(one.livenessViolations().size(), three.livenessViolations().size(), what);
                for (int i = 0; i < one.livenessViolations().size(); i++) {
                    assertEquals(one.livenessViolations().get(i).trace(), three.livenessViolations().get(i).trace(), what);
                }
                for (int t = 0; t < model.info().transitions().size(); t++) {
                    assertEquals(one.took(t), three.took(t), what);
                    assertEquals(one.pathTaking(t), three.pathTaking(t), what);
                }
            }
        }
    }
}
