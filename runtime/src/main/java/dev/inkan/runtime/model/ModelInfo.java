package dev.inkan.runtime.model;

import java.util.List;

/**
 * What a generated model declares: its domains, machines, monitors and invariants, with the
 * layout of the state vector. Harnesses, explorers and reports are written against this, never
 * against the generated classes.
 */
public record ModelInfo(String name, List<String> sourceFiles, List<Domain> domains, List<Machine> machines,
                        List<Event> events, List<Transition> transitions, List<Monitor> monitors,
                        List<Invariant> invariants) {

    public record Domain(String name, int index) {
    }

    public record Param(String name, ValueType type) {
    }

    /** A machine: {@code params} index its instances (mixed radix, first parameter most significant). */
    public record Machine(String name, int index, List<Param> params, List<Param> vars, List<String> states,
                          int initialState, List<String> requirements) {
    }

    /** An event of a machine, numbered across the model. */
    public record Event(String name, int id, int machine, List<Param> params, boolean internal, String role,
                        int weight, List<String> requirements) {
    }

    /** A transition, numbered across the model, with its source position in the spec. */
    public record Transition(int id, int machine, int event, List<Integer> sources, int target, String label,
                             String location, List<String> requirements, String unreachableReason, boolean guarded) {
    }

    public record Monitor(String name, int index, List<Param> params, List<Param> vars, List<String> states,
                          int initialState, List<Boolean> hot, int observations, List<String> requirements) {
    }

    /**
     * An invariant with what it reads: {@code reads} lists every machine field it reads (of
     * every instance), or is null when that is not known, and then it may read anything. An
     * explorer need not evaluate it again on a state that differs from a checked one elsewhere.
     */
    public record Invariant(String name, int index, String location, List<String> requirements, List<Read> reads) {
        public Invariant(String name, int index, String location, List<String> requirements) {
            this(name, index, location, requirements, null);
        }
    }

    /** Field {@code field} of every instance of machine {@code machine}: 0 its state, 1 + i its variable i. */
    public record Read(int machine, int field) {
    }

    public Machine machine(String name) {
        return machines.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no machine " + name));
    }

    public Event event(String machine, String name) {
        int m = machine(machine).index();
        return events.stream().filter(e -> e.machine() == m && e.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no event " + machine + "." + name));
    }

    public int domainIndex(String name) {
        return domains.stream().filter(d -> d.name().equals(name)).findFirst().map(Domain::index).orElseThrow(
                () -> new IllegalArgumentException("no domain " + name));
    }
}
