package dev.inkan.runtime.model;

/** Receives enabled actions; {@code args} is reused by the caller, copy it to keep it. */
@FunctionalInterface
public interface ActionSink {
    void accept(int event, int instance, int[] args);

    /**
     * An enabled action whose step is known without running it: it takes {@code transition},
     * which provably changes nothing (no effect, no emit, its only source is its target, no
     * monitor observes its event), and the step would report that transition and nothing else.
     * A sink that steps every action anyway need not tell the two kinds apart.
     */
    default void loop(int event, int instance, int[] args, int transition) {
        accept(event, instance, args);
    }
}
