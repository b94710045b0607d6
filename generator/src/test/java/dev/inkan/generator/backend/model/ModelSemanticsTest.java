package dev.inkan.generator.backend.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generator.TestSpecs;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.Outcome;
import dev.inkan.runtime.model.StepObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated model implements exactly the semantics of docs/dsl.md: first-in first-out
 * emits, ignore, unhandled events, loops, range checks, monitors, invariants, hot states,
 * guards over the state before the step, sequential assignments, functions and symmetry.
 */
class ModelSemanticsTest {
    private static Class<?> modelClass;
    private Model model;
    private byte[] state;

    private static final int RED = 0;
    private static final int GREEN = 1;

    @BeforeAll
    static void generateAndCompile() throws Exception {
        var spec = TestSpecs.clean(TestSpecs.sources(TestSpecs.RESOURCES.resolve("specs/semantics")));
        ClassLoader loader = TestSpecs.compileStrict(TestSpecs.java(spec, "model/"));
        modelClass = loader.loadClass("dev.inkan.generated.model.SpecModel");
    }

    @BeforeEach
    void newModel() throws Exception {
        model = (Model) modelClass.getConstructor(int[].class).newInstance((Object) new int[] {3});
        state = model.initialState();
    }

    private ModelInfo info() {
        return model.info();
    }

    private Outcome act(String machine, int instance, String event, int... args) {
        return model.step(state, new Action(info().event(machine, event).id(), instance, args), StepObserver.NONE);
    }

    private int var(String machine, int instance, String var) {
        ModelInfo.Machine m = info().machine(machine);
        int index = m.vars().stream().map(ModelInfo.Param::name).toList().indexOf(var);
        return model.machineVar(state, m.index(), instance, index);
    }

    private String stateOf(String machine, int instance) {
        ModelInfo.Machine m = info().machine(machine);
        return m.states().get(model.machineState(state, m.index(), instance));
    }

    @Test
    void emitsRunInOrderAndFunctionsApply() {
        assertTrue(act("Source", 0, "fire", RED).ok());
        assertEquals(RED, var("Sink", 0, "first"));
        assertEquals(GREEN, var("Sink", 1, "first"));
        assertEquals(GREEN, var("Sink", 2, "first"));
        assertEquals(1, var("Source", 0, "sent"));
        assertEquals("Done", stateOf("Source", 0));
        assertEquals(0, model.violatedInvariant(state), "three full sinks break AtMostTwoFull");
    }

    @Test
    void queueIsFirstInFirstOut() {
        // Relay(0).pass emits take(Red) behind the take(Blue) already queued, so Blue arrives first
        Outcome o = act("Source", 0, "chain");
        assertEquals(Outcome.Kind.MONITOR_FAILED, o.kind());
        assertTrue(o.message().contains("blue arrived first"), o.message());
    }

    @Test
    void ignoredEventsAreDroppedAndHandledOnesTaken() {
        assertTrue(act("Source", 1, "knock").ok(), "poke is ignored while the gate is shut");
        assertEquals("Shut", stateOf("Gate", 1));
        assertTrue(act("Gate", 1, "toggle", 1).ok());
        List<String> taken = new ArrayList<>();
        Outcome o = model.step(state, new Action(info().event("Source", "knock").id(), 1, new int[0]),
                new StepObserver() {
                    @Override
                    public void transition(int transition, int instance, int fromState, int[] args) {
                        taken.add(info().transitions().get(transition).label());
                    }
                });
        assertTrue(o.ok());
        assertEquals(List.of("Source.knock(Idle,Done->Done)#5", "Gate.poke(Ajar->Ajar)#2"), taken);
    }

    @Test
    void unhandledEmittedEventIsAViolation() {
        assertTrue(act("Source", 0, "fire", RED).ok());
        assertTrue(act("Source", 1, "fire", RED).ok());
        Outcome o = act("Source", 2, "fire", RED);
        assertEquals(Outcome.Kind.UNHANDLED_EVENT, o.kind());
        assertTrue(o.message().contains("take") && o.message().contains("Full"), o.message());
    }

    @Test
    void emitLoopIsAViolation() {
        assertEquals(Outcome.Kind.EMIT_LOOP, act("Source", 0, "loop").kind());
    }

    @Test
    void assignmentsAreSequentialAndRangeChecked() {
        assertTrue(act("Source", 0, "sequence").ok());
        assertEquals(2, var("Source", 0, "sent"));
        Outcome o = act("Source", 0, "overflow");
        assertEquals(Outcome.Kind.OUT_OF_RANGE, o.kind());
        assertTrue(o.message().contains("Source.sent = 5"), o.message());
    }

    @Test
    void enabledActionsFollowGuardsOverTheStateBeforeTheStep() {
        List<Action> gate = new ArrayList<>();
        int toggle = info().event("Gate", "toggle").id();
        model.enabled(state, (e, i, a) -> {
            if (e == toggle) {
                gate.add(new Action(e, i, a));
            }
        });
        assertEquals(3, gate.size(), "one toggle(true) per node, toggle(false) is not enabled when shut");
        gate.forEach(a -> assertEquals(1, a.arg(0)));
        assertEquals(Outcome.Kind.NOT_ENABLED, act("Gate", 0, "toggle", 0).kind());
        int internal = info().event("Sink", "take").id();
        assertEquals(Outcome.Kind.NOT_ENABLED, model.step(state, new Action(internal, 0, new int[] {RED}),
                StepObserver.NONE).kind(), "internal events are never chosen by the environment");
    }

    @Test
    void hotStatesAndInvariants() {
        int liveness = info().monitors().stream().filter(m -> m.name().equals("Liveness")).findFirst().orElseThrow()
                .index();
        assertFalse(model.hot(state, liveness, 0));
        assertTrue(act("Gate", 2, "toggle", 1).ok());
        assertTrue(model.hot(state, liveness, 0));
        assertEquals(-1, model.violatedInvariant(state));
        assertTrue(act("Gate", 2, "toggle", 0).ok());
        assertFalse(model.hot(state, liveness, 0));
    }

    @Test
    void permutingRenamesInstancesAndValues() {
        assertTrue(act("Source", 0, "fire", RED).ok());
        assertTrue(act("Source", 2, "sequence").ok());
        assertEquals(2, var("Source", 2, "self_node"));
        assertEquals(-1, var("Source", 1, "self_node"));
        byte[] swapped = new byte[state.length];
        int node = info().domainIndex("Node");
        model.permute(state, node, new int[] {1, 0, 2}, swapped);
        int source = info().machine("Source").index();
        assertEquals("Done", info().machine("Source").states().get(model.machineState(swapped, source, 1)));
        assertEquals("Idle", info().machine("Source").states().get(model.machineState(swapped, source, 0)));
        byte[] rotated = new byte[state.length];
        model.permute(state, node, new int[] {1, 2, 0}, rotated);
        int sourceVar = info().machine("Source").vars().stream().map(ModelInfo.Param::name).toList()
                .indexOf("self_node");
        assertEquals(0, model.machineVar(rotated, source, 0, sourceVar), "node 2 became node 0, and so did its value");
        assertEquals(-1, model.machineVar(rotated, source, 2, sourceVar), "none stays none");
        byte[] back = new byte[state.length];
        model.permute(swapped, node, new int[] {1, 0, 2}, back);
        assertArrayEquals(state, back);
    }

    @Test
    void staySelfLoopKeepsWhicheverSourceStateItFiredIn() {
        assertTrue(act("Lamp", 0, "flick").ok());
        assertEquals("Off", stateOf("Lamp", 0));
        assertTrue(act("Lamp", 0, "toggle").ok());
        assertTrue(act("Lamp", 0, "flick").ok());
        assertEquals("On", stateOf("Lamp", 0), "-> * stays in On too");
        assertEquals(2, var("Lamp", 0, "flicks"));
        int monitor = info().monitors().stream().filter(m -> m.name().equals("FlickCount")).findFirst().orElseThrow()
                .index();
        assertEquals("Counting", info().monitors().get(monitor).states().get(model.monitorState(state, monitor, 0)));
        assertTrue(act("Lamp", 0, "flick").ok());
        assertEquals("Done", info().monitors().get(monitor).states().get(model.monitorState(state, monitor, 0)));
        assertEquals(Outcome.Kind.NOT_ENABLED, act("Lamp", 0, "flick").kind(), "guard flicks < 3 no longer holds");
    }
}
