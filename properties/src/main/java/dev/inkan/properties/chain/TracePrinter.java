package dev.inkan.properties.chain;

import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.Outcome;
import dev.inkan.runtime.model.StepObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain as people read it: numbered steps, who acts (the event's role), the action with its
 * parameters, and what changed in every machine and monitor instance.
 *
 * <pre>
 *   1. User   Counter(phone1).start
 *             Counter(phone1): Idle -> Counting
 *   2. User   Counter(phone1).inc
 *             Counter(phone1): n 0 -> 1
 * </pre>
 */
public final class TracePrinter {
    private TracePrinter() {
    }

    /** Replays the chain on the model alone and prints it; {@code loopFrom} >= 0 marks where a lasso's loop starts. */
    public static String print(Model model, List<Action> chain, int loopFrom) {
        ModelInfo info = model.info();
        StringBuilder out = new StringBuilder();
        byte[] state = model.initialState();
        List<String> taken = new ArrayList<>();
        StepObserver obs = new StepObserver() {
            @Override
            public void transition(int transition, int instance, int fromState, int[] args) {
                taken.add(info.transitions().get(transition).label());
            }
        };
        int width = String.valueOf(chain.size()).length();
        for (int i = 0; i < chain.size(); i++) {
            Action a = chain.get(i);
            if (i == loopFrom) {
                out.append(" ".repeat(width + 2)).append("-- the loop starts here and repeats forever --\n");
            }
            byte[] before = state.clone();
            taken.clear();
            Outcome o = model.step(state, a, obs);
            String role = info.events().get(a.event()).role();
            out.append(String.format("%" + (width + 1) + "d. %-8s %s%n", i + 1, role == null ? "-" : role,
                    ModelText.action(model, a)));
            String indent = " ".repeat(width + 12);
            if (o.kind() == Outcome.Kind.NOT_ENABLED) {
                out.append(indent).append("(not enabled in the model: probed, the implementation must refuse it)\n");
                continue;
            }
            List<String> changes = changes(model, before, state);
            if (changes.isEmpty()) {
                changes = List.of("(no state change)");
            }
            for (String c : changes) {
                out.append(indent).append(c).append('\n');
            }
            if (!taken.isEmpty()) {
                out.append(indent).append("via ").append(String.join(", ", taken)).append('\n');
            }
            if (!o.ok()) {
                out.append(indent).append("=> ").append(o.kind()).append(": ").append(o.message()).append('\n');
                break;
            }
        }
        if (loopFrom >= 0 && loopFrom < chain.size()) {
            out.append(" ".repeat(width + 2)).append("-- back to the state before step ").append(loopFrom + 1)
                    .append(" (up to renaming of domain elements) --\n");
        } else if (loopFrom == chain.size()) {
            out.append(" ".repeat(width + 2)).append("-- nothing can happen any more --\n");
        }
        return out.toString();
    }

    /** {@code Pin(phone1, Auth): Set -> Blocked, tries 1 -> 0} for every instance that changed. */
    public static List<String> changes(Model model, byte[] before, byte[] after) {
        ModelInfo info = model.info();
        List<String> out = new ArrayList<>();
        for (ModelInfo.Machine m : info.machines()) {
            for (int i = 0; i < model.instanceCount(m.index()); i++) {
                List<String> parts = new ArrayList<>();
                int s0 = model.machineState(before, m.index(), i);
                int s1 = model.machineState(after, m.index(), i);
                if (s0 != s1) {
                    parts.add(m.states().get(s0) + " -> " + m.states().get(s1));
                }
                for (int v = 0; v < m.vars().size(); v++) {
                    int v0 = model.machineVar(before, m.index(), i, v);
                    int v1 = model.machineVar(after, m.index(), i, v);
                    if (v0 != v1) {
                        ModelInfo.Param p = m.vars().get(v);
                        parts.add(p.name() + " " + p.type().format(v0) + " -> " + p.type().format(v1));
                    }
                }
                if (!parts.isEmpty()) {
                    out.add(ModelText.instance(model, m.index(), i) + ": " + String.join(", ", parts));
                }
            }
        }
        for (ModelInfo.Monitor m : info.monitors()) {
            for (int i = 0; i < model.monitorInstanceCount(m.index()); i++) {
                int s0 = model.monitorState(before, m.index(), i);
                int s1 = model.monitorState(after, m.index(), i);
                if (s0 != s1) {
                    boolean hot = m.hot().get(s1);
                    out.add("monitor " + ModelText.monitorInstance(model, m.index(), i) + ": " + m.states().get(s0)
                            + " -> " + m.states().get(s1) + (hot ? " (hot)" : ""));
                }
            }
        }
        return out;
    }
}
