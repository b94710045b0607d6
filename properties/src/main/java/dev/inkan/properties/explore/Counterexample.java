package dev.inkan.properties.explore;

import dev.inkan.properties.chain.Property;
import dev.inkan.runtime.model.Action;
import java.util.List;

/**
 * A shortest path to a violation, as concrete actions from the initial state. For a liveness
 * violation it is a lasso: the steps from {@code loopFrom} on repeat forever (up to a renaming
 * of domain elements) without the hot monitor state ever being left; {@code loopFrom} equal to
 * the trace's length means the last state has no way out at all.
 */
public record Counterexample(Property property, String message, List<Action> trace, int loopFrom) {
    public Counterexample {
        trace = List.copyOf(trace);
    }

    public boolean lasso() {
        return loopFrom >= 0;
    }
}
