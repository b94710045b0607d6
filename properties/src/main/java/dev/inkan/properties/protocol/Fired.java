package dev.inkan.properties.protocol;

import java.util.List;
import java.util.stream.Collectors;

/** A model event a protocol message fires: {@code PhoneCert(p, ph, t).issue()}. */
public record Fired(String machine, List<Term> instance, String event, List<Term> args) {
    public Fired {
        instance = List.copyOf(instance);
        args = List.copyOf(args);
    }

    public static Fired fired(String machine, List<Term> instance, String event, List<Term> args) {
        return new Fired(machine, instance, event, args);
    }

    @Override
    public String toString() {
        return machine + (instance.isEmpty() ? "" : "(" + join(instance) + ")") + "." + event + "(" + join(args) + ")";
    }

    private static String join(List<Term> terms) {
        return terms.stream().map(Term::display).collect(Collectors.joining(", "));
    }
}
