package dev.inkan.properties.chain;

import dev.inkan.runtime.model.ModelInfo;
import java.util.BitSet;

/**
 * Which properties a run checks. A violation of a property it does not check ends the chain
 * without failing it: the suite that owns that property reports it.
 */
public final class Checks {
    private final BitSet invariants;
    private final BitSet monitors;
    private final boolean semantics;
    private final boolean correspondence;

    private Checks(BitSet invariants, BitSet monitors, boolean semantics, boolean correspondence) {
        this.invariants = invariants;
        this.monitors = monitors;
        this.semantics = semantics;
        this.correspondence = correspondence;
    }

    /** Every invariant and monitor, the step semantics and the correspondence. */
    public static Checks all(ModelInfo info) {
        BitSet i = new BitSet();
        i.set(0, info.invariants().size());
        BitSet m = new BitSet();
        m.set(0, info.monitors().size());
        return new Checks(i, m, true, true);
    }

    /** One invariant (and the correspondence, which every chain checks). */
    public static Checks invariant(int index) {
        BitSet i = new BitSet();
        i.set(index);
        return new Checks(i, new BitSet(), false, true);
    }

    /** One monitor (and the correspondence). */
    public static Checks monitor(int index) {
        BitSet m = new BitSet();
        m.set(index);
        return new Checks(new BitSet(), m, false, true);
    }

    /** The step semantics and the correspondence: what a machine suite checks. */
    public static Checks conformance() {
        return new Checks(new BitSet(), new BitSet(), true, true);
    }

    public boolean checksInvariant(int index) {
        return invariants.get(index);
    }

    public int[] invariants() {
        return invariants.stream().toArray();
    }

    public boolean checksMonitor(int index) {
        return monitors.get(index);
    }

    public boolean semantics() {
        return semantics;
    }

    public boolean correspondence() {
        return correspondence;
    }

    /** Whether a violation of this property fails the run. */
    public boolean covers(Property p, ModelInfo info) {
        return switch (p.kind()) {
            case INVARIANT -> info.invariants().stream().anyMatch(i -> i.name().equals(p.name()) && checksInvariant(i.index()));
            case MONITOR, LIVENESS -> info.monitors().stream().anyMatch(
                    m -> m.name().equals(p.name()) && checksMonitor(m.index()));
            case SEMANTICS -> semantics;
            case CORRESPONDENCE -> correspondence;
        };
    }
}
