package dev.inkan.properties.adapter;

import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The model's state as named facts, the vocabulary implementations observe in: every machine
 * instance's state ({@code "Pin(phone1, Auth)" -> "Set"}) and variable
 * ({@code "Pin(phone1, Auth).tries" -> "2"}).
 */
public final class ModelFacts {
    private static final Map<Model, ModelFacts> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private record Slot(int machine, int instance, int var) {
    }

    private final Model model;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    private ModelFacts(Model model) {
        this.model = model;
        for (ModelInfo.Machine m : model.info().machines()) {
            for (int i = 0; i < model.instanceCount(m.index()); i++) {
                String name = ModelText.instance(model, m.index(), i);
                slots.put(name, new Slot(m.index(), i, -1));
                for (int v = 0; v < m.vars().size(); v++) {
                    slots.put(name + "." + m.vars().get(v).name(), new Slot(m.index(), i, v));
                }
            }
        }
    }

    public static ModelFacts of(Model model) {
        return CACHE.computeIfAbsent(model, ModelFacts::new);
    }

    /** The model's value of one fact in a state, or null when there is no such fact. */
    public String value(byte[] state, String fact) {
        Slot s = slots.get(fact);
        if (s == null) {
            return null;
        }
        ModelInfo.Machine m = model.info().machines().get(s.machine());
        if (s.var() < 0) {
            return m.states().get(model.machineState(state, s.machine(), s.instance()));
        }
        return m.vars().get(s.var()).type().format(model.machineVar(state, s.machine(), s.instance(), s.var()));
    }

    /** Every fact of a state, in layout order. */
    public Map<String, String> all(byte[] state) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : slots.keySet()) {
            out.put(f, value(state, f));
        }
        return out;
    }
}
