package dev.inkan.runtime.model;

/** Receives enabled actions; {@code args} is reused by the caller, copy it to keep it. */
@FunctionalInterface
public interface ActionSink {
    void accept(int event, int instance, int[] args);
}
