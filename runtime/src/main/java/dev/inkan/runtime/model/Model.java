package dev.inkan.runtime.model;

/**
 * An executable model generated from the specs. The state is a byte vector (one slot per
 * machine state, variable and monitor state/variable of every instance); {@link #step} changes
 * it in place. Implementations are not thread-safe; make one per thread.
 */
public interface Model {
    ModelInfo info();

    /** Domain sizes this instance was built for, by domain index. */
    int[] domainSizes();

    int stateSize();

    byte[] initialState();

    /** Calls the sink for every enabled action, in a stable order. */
    void enabled(byte[] state, ActionSink sink);

    /** Applies an action to the state in place. On a violation the state is left as it stood then. */
    Outcome step(byte[] state, Action action, StepObserver observer);

    /**
     * {@link #step(byte[], Action, StepObserver)} without an {@code Action}: explorers step millions
     * of times and reuse {@code args}, which the model reads during the step and never keeps.
     */
    default Outcome step(byte[] state, int event, int instance, int[] args, StepObserver observer) {
        return step(state, new Action(event, instance, args), observer);
    }

    /**
     * Whether the last step that succeeded provably left the state as it was, known without
     * looking at the state (a transition without effect whose only source is its target and
     * that no monitor observes). False tells nothing: the step may or may not have changed it.
     */
    default boolean unchanged() {
        return false;
    }

    /** Number of instances of a machine, given the domain sizes. */
    int instanceCount(int machine);

    /** Parameter values of an instance. */
    int[] instanceParams(int machine, int instance);

    /** The instance with these parameter values. */
    int instanceOf(int machine, int... params);

    int machineState(byte[] state, int machine, int instance);

    int machineVar(byte[] state, int machine, int instance, int var);

    int monitorInstanceCount(int monitor);

    int monitorState(byte[] state, int monitor, int instance);

    /** Index of the first invariant that does not hold, or -1. */
    int violatedInvariant(byte[] state);

    boolean invariantHolds(int invariant, byte[] state);

    /** Whether a monitor instance is in a hot state (must eventually leave it). */
    boolean hot(byte[] state, int monitor, int instance);

    /**
     * Writes into {@code out} the state with the elements of one domain renamed by {@code perm}
     * (element i becomes perm[i]): instances move and domain-typed values are mapped.
     */
    void permute(byte[] state, int domain, int[] perm, byte[] out);
}
