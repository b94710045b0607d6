package dev.inkan.properties.adapter;

import dev.inkan.runtime.model.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/** Finds the implementation to drive: {@code -Dinkan.impl=NAME}, {@value ModelOnly#NAME} by default. */
public final class Implementations {
    private Implementations() {
    }

    /** A supplier of fresh implementations of the named kind for the model. */
    public static Supplier<Implementation> named(String name, ModelInfo info) {
        if (name == null || name.isBlank() || name.equals(ModelOnly.NAME)) {
            return ModelOnly::new;
        }
        List<String> known = new ArrayList<>(List.of(ModelOnly.NAME));
        for (ImplementationProvider p : ServiceLoader.load(ImplementationProvider.class)) {
            if (p.name().equals(name)) {
                if (!p.supports(info)) {
                    throw new IllegalArgumentException("implementation " + name + " does not support model "
                            + info.name());
                }
                return p::create;
            }
            known.add(p.name());
        }
        throw new IllegalArgumentException("no implementation " + name + "; there are " + known);
    }

    /** The one {@code -Dinkan.impl} names. */
    public static Supplier<Implementation> fromSystemProperties(ModelInfo info) {
        return named(System.getProperty("inkan.impl"), info);
    }
}
