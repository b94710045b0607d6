package dev.inkan.properties.protocol;

import static dev.inkan.properties.protocol.Fired.fired;
import static dev.inkan.properties.protocol.Term.any;
import static dev.inkan.properties.protocol.Term.param;
import static dev.inkan.properties.protocol.Term.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.properties.TestSpecs;
import dev.inkan.properties.chain.Property;
import dev.inkan.properties.explore.Exploration;
import dev.inkan.properties.explore.Explorer;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.StepObserver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolReplayerTest {
    private static Exploration explore(Model m) {
        return new Explorer(m, Explorer.Options.defaults()).run();
    }

    @Test
    void findsTheShortestStartAndParameterValues() {
        Model model = TestSpecs.model("clean");
        // revoke needs an issued certificate first: the start is one step in
        ProtocolReplayer r = new ProtocolReplayer(model, List.of(fired("Cert", List.of(param("p")), "revoke", List.of()),
                fired("Cert", List.of(param("p")), "renew", List.of())));
        ProtocolReplayer.Result res = r.search(explore(model), 1000);
        assertNotNull(res.found(), res.furthest());
        assertEquals(1, res.found().prefix());
        assertEquals(Map.of("p", "person1"), res.found().binding());
        byte[] s = model.initialState();
        for (Action a : res.found().chain()) {
            assertTrue(model.step(s, a, StepObserver.NONE).ok(), ModelText.action(model, a));
        }
    }

    @Test
    void anyMatchesWhateverEnablesTheEvent() {
        Model model = TestSpecs.model("clean");
        ProtocolReplayer r = new ProtocolReplayer(model, List.of(fired("Cert", List.of(param("p")), "issue",
                List.of(any("pick(ph)")))));
        assertNotNull(r.search(explore(model), 1000).found());
    }

    @Test
    void saysHowFarItGotWhenNothingReplays() {
        Model model = TestSpecs.model("planted");
        ProtocolReplayer r = new ProtocolReplayer(model, List.of(
                fired("Counter", List.of(param("ph")), "start", List.of(value("1"))),
                fired("Counter", List.of(param("ph")), "start", List.of(value("2")))));
        ProtocolReplayer.Result res = r.search(explore(model), 100_000);
        assertNull(res.found());
        assertTrue(res.furthest().startsWith("after 1 event(s), Counter(ph).start(2)"), res.furthest());
    }

    @Test
    void reportsAPropertyTheSequenceBreaks() {
        Model model = TestSpecs.model("planted");
        ProtocolReplayer r = new ProtocolReplayer(model, List.of(
                fired("Counter", List.of(param("ph")), "start", List.of(value("3"))),
                fired("Counter", List.of(param("ph")), "inc", List.of()),
                fired("Counter", List.of(param("ph")), "inc", List.of()),
                fired("Counter", List.of(param("ph")), "inc", List.of()),
                fired("Counter", List.of(param("ph")), "inc", List.of()),
                fired("Counter", List.of(param("ph")), "inc", List.of())));
        ProtocolReplayer.Result res = r.search(explore(model), 100_000);
        assertEquals(Property.invariant("NeverFive"), res.violated());
        assertEquals(6, res.violationTrace().size());
    }

    @Test
    void rejectsWhatCannotBeFired() {
        Model model = TestSpecs.model("planted");
        assertThrows(IllegalArgumentException.class, () -> new ProtocolReplayer(model, List.of(
                fired("Counter", List.of(), "inc", List.of()))));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolReplayer(model, List.of(
                fired("Counter", List.of(param("ph")), "start", List.of(value("9"))))));
    }
}
