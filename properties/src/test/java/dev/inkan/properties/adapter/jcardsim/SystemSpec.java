package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.generated.model.SpecModel;
import dev.inkan.generated.suites.ProtocolCatalog;
import dev.inkan.properties.model.ModelSource;
import dev.inkan.properties.protocol.ProtocolReplayer;
import dev.inkan.properties.protocol.ProtocolSequence;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.util.List;

/** The project spec's model and the protocol prefixes full-system chains start from. */
final class SystemSpec {
    static final ModelSource SOURCE = ModelSource.ofClass(SpecModel.class);

    private SystemSpec() {
    }

    /** The model in its {@code Default} system (2 persons, 3 phones). */
    static Model model() {
        return SOURCE.create(SOURCE.sizes(SOURCE.defaultSystem()));
    }

    /**
     * The events of one way through a protocol, for the first binding that replays from the
     * initial state (person1, phone1 for FirstUse), optionally cut after {@code events} events.
     */
    static List<Action> prefix(Model model, String protocol, String label, int events) {
        ProtocolSequence seq = ProtocolCatalog.sequences().stream().filter(p -> p.protocol().equals(protocol)
                && p.label().equals(label)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no sequence " + label + " of " + protocol));
        ProtocolReplayer r = new ProtocolReplayer(model, events < 0 ? seq.events() : seq.events().subList(0, events));
        List<List<Action>> replays = r.replays(model.initialState());
        if (replays.isEmpty()) {
            throw new IllegalStateException(protocol + " (" + label + ") does not replay from the initial state");
        }
        return replays.get(0);
    }

    /** The whole FirstUse journey of person1 on phone1: card issued, SE prepared, applet issued and in use. */
    static List<Action> firstUse(Model model) {
        return prefix(model, "FirstUse", "as written", -1);
    }
}
