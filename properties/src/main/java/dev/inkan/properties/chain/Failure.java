package dev.inkan.properties.chain;

import dev.inkan.runtime.model.Action;
import java.util.List;

/**
 * A chain that failed a property: as found and as shrunk.
 *
 * @param violation    the violation the shrunk chain ends in
 * @param found        the chain as the random search found it (cut after the failing step)
 * @param shrunk       the smallest chain that still fails the same property
 * @param seed         the failing chain's own seed ({@code -Dinkan.seed} reproduces it as the first chain)
 * @param chainIndex   how many chains ran before it (0-based)
 * @param stepsToFind  steps taken over all chains until the failure
 * @param prefix       how many of the first actions are a start prefix the shrinking kept (0: none)
 */
public record Failure(Violation violation, List<Action> found, List<Action> shrunk, long seed, int chainIndex,
                      long stepsToFind, long nanosToFind, long nanosToShrink, int shrinkReplays, int prefix) {
    public Failure {
        found = List.copyOf(found);
        shrunk = List.copyOf(shrunk);
    }

    public Failure(Violation violation, List<Action> found, List<Action> shrunk, long seed, int chainIndex,
                   long stepsToFind, long nanosToFind, long nanosToShrink, int shrinkReplays) {
        this(violation, found, shrunk, seed, chainIndex, stepsToFind, nanosToFind, nanosToShrink, shrinkReplays, 0);
    }

    /** Steps of the shrunk chain, its start prefix counted as one macro step. */
    public int shrunkSteps() {
        return prefix > 0 ? 1 + shrunk.size() - prefix : shrunk.size();
    }

    public Property property() {
        return violation.property();
    }
}
