package dev.inkan.runtime.model;

/** Sees what a step does: every transition and observation taken, in order. */
public interface StepObserver {
    /** A machine transition ran on an instance (its source state given). */
    default void transition(int transition, int instance, int fromState, int[] args) {
    }

    /** A guard was evaluated for a transition whose source state matched. */
    default void guard(int transition, boolean outcome) {
    }

    /** A monitor observation ran. */
    default void observation(int monitor, int monitorInstance, int observation) {
    }

    StepObserver NONE = new StepObserver() {
    };
}
