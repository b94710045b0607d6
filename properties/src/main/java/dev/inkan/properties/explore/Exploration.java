package dev.inkan.properties.explore;

import dev.inkan.properties.chain.ActionBuffer;
import dev.inkan.properties.chain.Property;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.Outcome;
import dev.inkan.runtime.model.StepObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** What an exploration found: its figures, its violations, and the states it stored (breadth-first order). */
public final class Exploration {
    private final Model model;
    private final StateLayout layout;
    private final Symmetry symmetry;
    private final StateSet set;
    private final int expanded;
    private final long transitions;
    private final int depth;
    private final boolean complete;
    private final String stopReason;
    private final long exploreNanos;
    long totalNanos;
    final List<Counterexample> violations = new ArrayList<>();
    final List<Counterexample> liveness = new ArrayList<>();

    private final int[] firstState;

    Exploration(Model model, StateLayout layout, Symmetry symmetry, StateSet set, int expanded, long transitions,
                int depth, boolean complete, String stopReason, long exploreNanos, int[] firstState) {
        this.firstState = firstState;
        this.model = model;
        this.layout = layout;
        this.symmetry = symmetry;
        this.set = set;
        this.expanded = expanded;
        this.transitions = transitions;
        this.depth = depth;
        this.complete = complete;
        this.stopReason = stopReason;
        this.exploreNanos = exploreNanos;
        this.totalNanos = exploreNanos;
    }

    public Model model() {
        return model;
    }

    /** Distinct states stored (canonical forms when symmetry is on). */
    public int stateCount() {
        return set.size();
    }

    /** States whose successors were computed. */
    public int expandedCount() {
        return expanded;
    }

    public long transitions() {
        return transitions;
    }

    /** The deepest level reached (the initial state is depth 0). */
    public int depth() {
        return depth;
    }

    /** Whether every reachable state was visited (no bound cut the search). */
    public boolean complete() {
        return complete;
    }

    /** Which bound stopped it, or null. */
    public String stopReason() {
        return stopReason;
    }

    public long nanos() {
        return exploreNanos;
    }

    /** Including the liveness check and building counterexamples. */
    public long totalNanos() {
        return totalNanos;
    }

    public double statesPerSecond() {
        return exploreNanos == 0 ? 0 : set.size() * 1e9 / exploreNanos;
    }

    public int symmetryGroupSize() {
        return symmetry.groupSize();
    }

    public int wordsPerState() {
        return layout.words();
    }

    /** The first (so shortest) violation of each safety property found. */
    public List<Counterexample> violations() {
        return Collections.unmodifiableList(violations);
    }

    /** Lassos of hot monitor states that are never left. */
    public List<Counterexample> livenessViolations() {
        return Collections.unmodifiableList(liveness);
    }

    /** The violation of a property, or null. */
    public Counterexample violation(Property p) {
        for (Counterexample c : violations) {
            if (c.property().equals(p)) {
                return c;
            }
        }
        for (Counterexample c : liveness) {
            if (c.property().equals(p)) {
                return c;
            }
        }
        return null;
    }

    /** A stored state (its canonical form). */
    public void state(int id, byte[] out) {
        layout.unpack(set.arena(), set.offset(id), out);
    }

    /** Whether a state is equal to the stored state {@code id} up to renaming. */
    public boolean sameAs(byte[] state, int id) {
        byte[] canon = new byte[layout.size()];
        long[] packed = new long[layout.words()];
        symmetry.canonicalize(state, canon);
        layout.pack(canon, packed);
        return set.find(packed) == id;
    }

    /** The id of a state (any renaming of it), or -1 when it was not reached. */
    public int find(byte[] state) {
        byte[] canon = new byte[layout.size()];
        long[] packed = new long[layout.words()];
        symmetry.canonicalize(state, canon);
        layout.pack(canon, packed);
        return set.find(packed);
    }

    /** Stored ids from the initial state to {@code id}, following the breadth-first parents. */
    public List<Integer> idsTo(int id) {
        List<Integer> ids = new ArrayList<>();
        for (int at = id; at >= 0; at = set.parent(at)) {
            ids.add(at);
        }
        Collections.reverse(ids);
        return ids;
    }

    /**
     * A shortest chain of concrete actions from the initial state to a state equal to {@code id}
     * up to renaming.
     */
    public List<Action> pathTo(int id) {
        List<Integer> ids = idsTo(id);
        return pathAlong(List.of(), ids);
    }

    /**
     * Concrete actions that continue {@code prefix} through the stored states {@code ids} (the
     * state after the prefix must be {@code ids.get(0)} up to renaming): at each step, an
     * enabled action whose successor is the next stored state up to renaming.
     */
    public List<Action> pathAlong(List<Action> prefix, List<Integer> ids) {
        byte[] cur = replay(prefix);
        if (!ids.isEmpty() && !sameAs(cur, ids.get(0))) {
            throw new IllegalStateException("the prefix does not end in the first state");
        }
        List<Action> out = new ArrayList<>();
        ActionBuffer buffer = new ActionBuffer();
        byte[] next = new byte[cur.length];
        for (int i = 1; i < ids.size(); i++) {
            int target = ids.get(i);
            buffer.fill(model, cur);
            boolean stepped = false;
            for (int k = 0; k < buffer.size() && !stepped; k++) {
                System.arraycopy(cur, 0, next, 0, cur.length);
                Action a = buffer.action(k);
                if (model.step(next, a, StepObserver.NONE).ok() && sameAs(next, target)) {
                    out.add(a);
                    System.arraycopy(next, 0, cur, 0, cur.length);
                    stepped = true;
                }
            }
            if (!stepped) {
                throw new IllegalStateException("no action leads from stored state " + ids.get(i - 1) + " to " + target);
            }
        }
        return out;
    }

    /** Whether some explored step took the transition. */
    public boolean took(int transition) {
        return firstState[transition] >= 0;
    }

    /**
     * A shortest chain from the initial state whose last step takes the transition (emitted
     * transitions included), or null when no explored step took it.
     */
    public List<Action> pathTaking(int transition) {
        if (firstState[transition] < 0) {
            return null;
        }
        List<Action> path = new ArrayList<>(pathTo(firstState[transition]));
        byte[] cur = replay(path);
        // the path reaches a renaming of the stored state: find the action that takes the transition there
        ActionBuffer buffer = new ActionBuffer().fill(model, cur);
        int[] hit = {0};
        StepObserver watch = new StepObserver() {
            @Override
            public void transition(int t, int instance, int fromState, int[] args) {
                hit[0] |= t == transition ? 1 : 0;
            }
        };
        for (int k = 0; k < buffer.size(); k++) {
            hit[0] = 0;
            byte[] next = cur.clone();
            if (model.step(next, buffer.action(k), watch).ok() && hit[0] == 1) {
                path.add(buffer.action(k));
                return path;
            }
        }
        throw new IllegalStateException("no action takes transition " + transition + " after the stored path");
    }

    /** An action enabled after {@code trace} whose step fails {@code p}. */
    Action actionFailing(List<Action> trace, Property p) {
        byte[] cur = replay(trace);
        ActionBuffer buffer = new ActionBuffer().fill(model, cur);
        for (int k = 0; k < buffer.size(); k++) {
            byte[] next = Arrays.copyOf(cur, cur.length);
            Outcome o = model.step(next, buffer.action(k), StepObserver.NONE);
            if (!o.ok() && Property.ofOutcome(model.info(), o).equals(p)) {
                return buffer.action(k);
            }
        }
        throw new IllegalStateException("no enabled action fails " + p + " after the path");
    }

    private byte[] replay(List<Action> trace) {
        byte[] cur = model.initialState();
        for (Action a : trace) {
            Outcome o = model.step(cur, a, StepObserver.NONE);
            if (!o.ok()) {
                throw new IllegalStateException("replaying a path failed: " + o);
            }
        }
        return cur;
    }
}
