package dev.inkan.properties.explore;

import dev.inkan.properties.chain.ActionBuffer;
import dev.inkan.properties.chain.Property;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.Outcome;
import dev.inkan.runtime.model.StepObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Bounded exhaustive exploration of a model, breadth first: every state reachable within the
 * bounds (domain sizes, depth, number of states) is visited once, so the first violation of a
 * property found is one of the shortest. States are packed by their slots' bit widths and kept
 * in an open-addressing set; with symmetry reduction each is stored in its canonical form. All
 * invariants, monitors and the step semantics are checked; the first violation of each property
 * is kept. With {@code liveness}, the transition graph is kept too, and for every monitor with
 * hot states the explorer checks that from every reachable state where an instance is hot, a
 * state where it is not remains reachable; otherwise it reports a lasso.
 */
public final class Explorer {
    /**
     * @param maxStates stop after this many distinct states
     * @param maxDepth  do not expand states deeper than this
     * @param maxGroup  largest symmetry group allowed (the product of the domains' factorials)
     * @param progress  called about every {@code progressMillis}, and once at the end; may be null
     */
    public record Options(long maxStates, int maxDepth, boolean symmetry, boolean liveness, int maxGroup,
                          Consumer<Progress> progress, long progressMillis) {
        public static Options defaults() {
            return new Options(5_000_000, Integer.MAX_VALUE, true, true, 5040, null, 1000);
        }

        public Options withMaxStates(long n) {
            return new Options(n, maxDepth, symmetry, liveness, maxGroup, progress, progressMillis);
        }

        public Options withMaxDepth(int n) {
            return new Options(maxStates, n, symmetry, liveness, maxGroup, progress, progressMillis);
        }

        public Options withSymmetry(boolean on) {
            return new Options(maxStates, maxDepth, on, liveness, maxGroup, progress, progressMillis);
        }

        public Options withLiveness(boolean on) {
            return new Options(maxStates, maxDepth, symmetry, on, maxGroup, progress, progressMillis);
        }

        public Options withProgress(Consumer<Progress> p, long millis) {
            return new Options(maxStates, maxDepth, symmetry, liveness, maxGroup, p, millis);
        }
    }

    private final Model model;
    private final ModelInfo info;
    private final Options options;
    private final StateLayout layout;
    private final Symmetry symmetry;
    /** Keeps the touched table entries observable, so the loads that warm the cache are not optimised away. */
    static volatile long sink;

    public Explorer(Model model, Options options) {
        this.model = model;
        this.info = model.info();
        this.options = options;
        this.layout = StateLayout.of(model);
        this.symmetry = options.symmetry() ? Symmetry.of(model, layout, options.maxGroup()) : Symmetry.none(layout);
        if ((double) options.maxStates() * layout.words() > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("max states times " + layout.words() + " words per state is too large");
        }
    }

    public StateLayout layout() {
        return layout;
    }

    public Symmetry symmetry() {
        return symmetry;
    }

    /** Found while exploring: the first violation of one property. */
    private record Found(Property property, String message, int state, int parent, Action action) {
    }

    public Exploration run() {
        long start = System.nanoTime();
        boolean keepEdges = options.liveness() && hasHotStates();
        int n = layout.size();
        int words = layout.words();
        StateSet set = new StateSet(words, (int) Math.min(options.maxStates(), 1 << 20));
        byte[] cur = new byte[n];
        byte[] next = new byte[n];
        byte[] canon = new byte[n];
        long[] packed = new long[words];
        ActionBuffer buffer = new ActionBuffer();
        Map<Property, Found> found = new LinkedHashMap<>();
        int invariantCount = info.invariants().size();
        boolean[] invariantFound = new boolean[invariantCount];
        Edges edges = keepEdges ? new Edges() : null;

        byte[] init = model.initialState();
        symmetry.canonicalize(init, canon);
        layout.pack(canon, packed);
        set.add(packed, -1);
        checkInvariants(canon, 0, -1, null, 0, invariantFound, found);

        long transitions = 0;
        Recorder recorder = new Recorder();
        int[] firstState = new int[info.transitions().size()];
        Arrays.fill(firstState, -1);
        long[] successors = new long[64 * words];
        long[] curPacked = new long[words];
        int[] changed = new int[n];
        int[] hashes = new int[64];
        int[] perms = new int[64];
        int[] actionOf = new int[64];
        long touched = 0;
        int depth = 0;
        int levelEnd = 1;
        int id = 0;
        String stop = null;
        long lastProgress = start;
        outer:
        for (; id < set.size(); id++) {
            if (id == levelEnd) {
                depth++;
                levelEnd = set.size();
                if (depth >= options.maxDepth()) {
                    stop = "depth bound " + options.maxDepth() + " reached";
                    break;
                }
            }
            if ((id & 0x1FFF) == 0 && options.progress() != null) {
                long now = System.nanoTime();
                if (now - lastProgress > options.progressMillis() * 1_000_000L) {
                    lastProgress = now;
                    options.progress().accept(new Progress(depth, set.size(), transitions, set.size() - id, now - start));
                }
            }
            System.arraycopy(set.arena(), set.offset(id), curPacked, 0, words);
            layout.unpack(curPacked, 0, cur);
            symmetry.parent(cur);
            buffer.fill(model, cur);
            if (edges != null) {
                edges.startState(id);
            }
            int succ = 0;
            if (successors.length < buffer.size() * words) {
                successors = new long[buffer.size() * words * 2];
                hashes = new int[buffer.size() * 2];
                perms = new int[buffer.size() * 2];
                actionOf = new int[buffer.size() * 2];
            }
            for (int k = 0; k < buffer.size(); k++) {
                System.arraycopy(cur, 0, next, 0, n);
                int[] args = buffer.args(k);
                recorder.count = 0;
                Outcome o = model.step(next, buffer.event(k), buffer.instance(k), args, recorder);
                transitions++;
                if (o.ok()) {
                    for (int t = 0; t < recorder.count; t++) {
                        int tr = recorder.taken[t];
                        if (firstState[tr] < 0) {
                            firstState[tr] = id;
                        }
                    }
                }
                if (!o.ok()) {
                    Action a = buffer.action(k);
                    if (o.kind() == Outcome.Kind.NOT_ENABLED) {
                        throw new IllegalStateException("the model lists " + a + " as enabled but refuses to step it");
                    }
                    Property p = Property.ofOutcome(info, o);
                    found.putIfAbsent(p, new Found(p, o.message(), -1, id, a));
                    continue;
                }
                int changes = 0;
                for (int from = 0; from < n; ) {
                    int m = Arrays.mismatch(cur, from, n, next, from, n);
                    if (m < 0) {
                        break;
                    }
                    changed[changes++] = from + m;
                    from += m + 1;
                }
                int g = symmetry.canonicalizeSuccessor(cur, next, changed, changes, canon);
                if (g < 0) {
                    layout.repack(curPacked, next, changed, changes, successors, succ * words);
                    perms[succ] = 0;
                } else {
                    layout.pack(canon, successors, succ * words);
                    perms[succ] = g;
                }
                actionOf[succ] = k;
                succ++;
            }
            touched += set.touch(successors, succ, hashes);
            for (int i = 0; i < succ; i++) {
                int r = set.add(successors, i * words, hashes[i], id);
                int target = r >= 0 ? r : -r - 1;
                if (edges != null) {
                    edges.add(target, perms[i]);
                }
                if (r >= 0) {
                    if (invariantCount > 0) {
                        layout.unpack(successors, i * words, canon);
                        checkInvariants(canon, r, id, buffer, actionOf[i], invariantFound, found);
                    }
                    if (set.size() >= options.maxStates()) {
                        stop = "state bound " + options.maxStates() + " reached";
                        id++;
                        break outer;
                    }
                }
            }
        }
        int expanded = id;
        sink = touched;
        if (edges != null) {
            edges.finish(expanded);
        }
        boolean complete = stop == null;
        long exploreNanos = System.nanoTime() - start;
        Exploration result = new Exploration(model, layout, symmetry, set, expanded, transitions, depth, complete,
                stop, exploreNanos, firstState);
        for (Found f : found.values()) {
            List<Action> trace;
            if (f.state() >= 0) {
                trace = result.pathTo(f.state());
            } else {
                trace = new ArrayList<>(result.pathTo(f.parent()));
                trace.add(result.actionFailing(trace, f.property()));
            }
            result.violations.add(new Counterexample(f.property(), f.message(), trace, -1));
        }
        if (edges != null) {
            new Liveness(model, layout, symmetry, result, edges).check();
        }
        result.totalNanos = System.nanoTime() - start;
        if (options.progress() != null) {
            options.progress().accept(new Progress(depth, set.size(), transitions, set.size() - expanded,
                    exploreNanos));
        }
        return result;
    }

    private boolean hasHotStates() {
        for (ModelInfo.Monitor m : info.monitors()) {
            if (m.hot().contains(Boolean.TRUE)) {
                return true;
            }
        }
        return false;
    }

    private void checkInvariants(byte[] state, int id, int parent, ActionBuffer buffer, int k, boolean[] invariantFound,
                                 Map<Property, Found> found) {
        for (int i = 0; i < invariantFound.length; i++) {
            if (!invariantFound[i] && !model.invariantHolds(i, state)) {
                Action a = buffer == null ? null : buffer.action(k);
                invariantFound[i] = true;
                ModelInfo.Invariant inv = info.invariants().get(i);
                Property p = Property.invariant(inv.name());
                found.put(p, new Found(p, "invariant " + inv.name() + " (" + inv.location() + ") does not hold", id,
                        parent, a));
            }
        }
    }

    /** Notes the transitions a step takes (emitted ones included). */
    private static final class Recorder implements StepObserver {
        int[] taken = new int[16];
        int count;

        @Override
        public void transition(int transition, int instance, int fromState, int[] args) {
            if (count == taken.length) {
                taken = Arrays.copyOf(taken, count * 2);
            }
            taken[count++] = transition;
        }
    }

    /** The transition graph between stored states, with the renaming that made each target canonical. */
    static final class Edges {
        int[] start = new int[1024];
        int[] to = new int[4096];
        int[] perm = new int[4096];
        int count;
        int states;

        void startState(int id) {
            if (id + 2 > start.length) {
                start = Arrays.copyOf(start, start.length * 2);
            }
            start[id] = count;
            states = id + 1;
        }

        void add(int target, int g) {
            if (count == to.length) {
                if (to.length >= Integer.MAX_VALUE / 2) {
                    throw new IllegalStateException("too many transitions to keep for the liveness check");
                }
                to = Arrays.copyOf(to, to.length * 2);
                perm = Arrays.copyOf(perm, perm.length * 2);
            }
            to[count] = target;
            perm[count] = g;
            count++;
        }

        void finish(int expanded) {
            if (expanded + 1 > start.length) {
                start = Arrays.copyOf(start, expanded + 1);
            }
            start[expanded] = count;
            states = expanded;
        }
    }

    /** Finds the liveness violations of hot monitor states. */
    private static final class Liveness {
        private final Model model;
        private final StateLayout layout;
        private final Symmetry symmetry;
        private final Exploration result;
        private final Edges edges;

        Liveness(Model model, StateLayout layout, Symmetry symmetry, Exploration result, Edges edges) {
            this.model = model;
            this.layout = layout;
            this.symmetry = symmetry;
            this.result = result;
            this.edges = edges;
        }

        void check() {
            ModelInfo info = model.info();
            for (ModelInfo.Monitor m : info.monitors()) {
                if (m.hot().contains(Boolean.TRUE)) {
                    check(m);
                }
            }
        }

        private void check(ModelInfo.Monitor m) {
            int k = model.monitorInstanceCount(m.index());
            int states = result.stateCount();
            int expanded = edges.states;
            int groups = symmetry.groupSize();
            // where each renaming sends each instance of the monitor, and back
            Map<Integer, Integer> slotToInstance = new HashMap<>();
            for (int i = 0; i < k; i++) {
                slotToInstance.put(layout.monitorSlot(m.index(), i), i);
            }
            int[][] image = new int[groups][k];
            int[][] inverse = new int[groups][k];
            for (int g = 0; g < groups; g++) {
                for (int i = 0; i < k; i++) {
                    Integer j = slotToInstance.get(symmetry.image(g, layout.monitorSlot(m.index(), i)));
                    if (j == null) {
                        throw new IllegalStateException("a renaming moves a monitor instance out of its monitor");
                    }
                    image[g][i] = j;
                    inverse[g][j] = i;
                }
            }
            BitSet hot = new BitSet();
            BitSet ok = new BitSet();
            byte[] s = new byte[layout.size()];
            int[] queue = new int[1024];
            int tail = 0;
            for (int id = 0; id < states; id++) {
                result.state(id, s);
                for (int i = 0; i < k; i++) {
                    int node = id * k + i;
                    // states never expanded (bounds) might still cool down: assume they do
                    if (!model.hot(s, m.index(), i) || id >= expanded) {
                        ok.set(node);
                        if (tail == queue.length) {
                            queue = Arrays.copyOf(queue, queue.length * 2);
                        }
                        queue[tail++] = node;
                    } else {
                        hot.set(node);
                    }
                }
            }
            if (hot.isEmpty()) {
                return;
            }
            // reverse edges
            int[] revStart = new int[states + 1];
            for (int e = 0; e < edges.count; e++) {
                revStart[edges.to[e] + 1]++;
            }
            for (int i = 0; i < states; i++) {
                revStart[i + 1] += revStart[i];
            }
            int[] revFrom = new int[edges.count];
            int[] revPerm = new int[edges.count];
            int[] fill = Arrays.copyOf(revStart, states);
            for (int from = 0; from < expanded; from++) {
                for (int e = edges.start[from]; e < edges.start[from + 1]; e++) {
                    int t = edges.to[e];
                    revFrom[fill[t]] = from;
                    revPerm[fill[t]] = edges.perm[e];
                    fill[t]++;
                }
            }
            for (int head = 0; head < tail; head++) {
                int node = queue[head];
                int t = node / k;
                int j = node % k;
                for (int e = revStart[t]; e < revStart[t + 1]; e++) {
                    int i = inverse[revPerm[e]][j];
                    int prev = revFrom[e] * k + i;
                    if (!ok.get(prev)) {
                        ok.set(prev);
                        if (tail == queue.length) {
                            queue = Arrays.copyOf(queue, queue.length * 2);
                        }
                        queue[tail++] = prev;
                    }
                }
            }
            hot.andNot(ok);
            int bad = hot.nextSetBit(0);
            if (bad < 0) {
                return;
            }
            // a lasso: follow edges from the stuck node; every successor is stuck too
            int state = bad / k;
            int inst = bad % k;
            List<Integer> path = new ArrayList<>();
            Map<Long, Integer> seen = new HashMap<>();
            int loopAt;
            while (true) {
                long node = (long) state * k + inst;
                Integer at = seen.get(node);
                if (at != null) {
                    loopAt = at;
                    break;
                }
                seen.put(node, path.size());
                path.add(state);
                if (edges.start[state] == edges.start[state + 1]) {
                    loopAt = path.size();
                    break;
                }
                int e = edges.start[state];
                inst = image[edges.perm[e]][inst];
                state = edges.to[e];
            }
            List<Action> prefix = new ArrayList<>(result.pathTo(path.get(0)));
            int loopFrom = prefix.size() + (loopAt < path.size() ? loopAt : path.size() - 1);
            List<Integer> rest = new ArrayList<>(path);
            if (loopAt < path.size()) {
                rest.add(path.get(loopAt));
            }
            List<Action> tail2 = result.pathAlong(prefix, rest);
            prefix.addAll(tail2);
            if (loopAt >= path.size()) {
                loopFrom = prefix.size();
            }
            byte[] stuck = new byte[layout.size()];
            result.state(path.get(0), stuck);
            String where = m.name() + " stays in hot state " + m.states().get(model.monitorState(stuck, m.index(),
                    bad % k));
            String msg = loopAt >= path.size() ? where + ": a state is reached where nothing can happen any more"
                    : where + ": the loop from step " + (loopFrom + 1) + " can repeat forever";
            result.liveness.add(new Counterexample(Property.liveness(m.name()), msg, prefix, loopFrom));
        }
    }
}
