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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
                          Consumer<Progress> progress, long progressMillis, int threads) {
        /** Without {@code threads}: as many as the machine has processors (system property {@code inkan.threads}). */
        public Options(long maxStates, int maxDepth, boolean symmetry, boolean liveness, int maxGroup,
                       Consumer<Progress> progress, long progressMillis) {
            this(maxStates, maxDepth, symmetry, liveness, maxGroup, progress, progressMillis, defaultThreads());
        }

        public static Options defaults() {
            return new Options(5_000_000, Integer.MAX_VALUE, true, true, 5040, null, 1000);
        }

        static int defaultThreads() {
            return Math.max(1, Integer.getInteger("inkan.threads", Runtime.getRuntime().availableProcessors()));
        }

        /** Threads that expand states (1: this thread alone); the results do not depend on it. */
        public Options withThreads(int n) {
            return new Options(maxStates, maxDepth, symmetry, liveness, maxGroup, progress, progressMillis,
                    Math.max(1, n));
        }

        public Options withMaxStates(long n) {
            return new Options(n, maxDepth, symmetry, liveness, maxGroup, progress, progressMillis, threads);
        }

        public Options withMaxDepth(int n) {
            return new Options(maxStates, n, symmetry, liveness, maxGroup, progress, progressMillis, threads);
        }

        public Options withSymmetry(boolean on) {
            return new Options(maxStates, maxDepth, on, liveness, maxGroup, progress, progressMillis, threads);
        }

        public Options withLiveness(boolean on) {
            return new Options(maxStates, maxDepth, symmetry, on, maxGroup, progress, progressMillis, threads);
        }

        public Options withProgress(Consumer<Progress> p, long millis) {
            return new Options(maxStates, maxDepth, symmetry, liveness, maxGroup, p, millis, threads);
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

    /** Parents per chunk of work: enough to amortise the hand-over, few enough to keep both ends busy. */
    private static final int CHUNK = 96;
    /** Known states waiting to be expanded before the workers start (tests lower it). */
    static int startWorkersAt = 2 * CHUNK;
    /**
     * In a chunk's {@code perms}: the step changed nothing, so the successor is its parent (stored
     * canonical, so renamed by the identity); it is neither packed nor hashed nor looked up.
     */
    static final int LOOP = -1;
    /** Chunks in flight (published and not yet consumed). */
    private static final int RING = 32;

    /**
     * Breadth first, in two roles. Expanding a state (its enabled actions, each step, the
     * canonical form, the packing and hash of each successor) needs nothing but the state, so it
     * is done in chunks of consecutive ids, by worker threads and by this thread when it would
     * otherwise wait. Storing successors is done here alone, chunk after chunk and parent after
     * parent in id order, exactly as a single thread would store them: the ids, the counts, the
     * first violations (so the shortest counterexamples) and where the bounds stop are the same
     * whatever the number of threads.
     */
    public Exploration run() {
        long start = System.nanoTime();
        boolean keepEdges = options.liveness() && hasHotStates();
        int n = layout.size();
        int words = layout.words();
        StateSet set = new StateSet(words, (int) Math.min(options.maxStates(), 1 << 20), options.maxStates());
        byte[] canon = new byte[n];
        long[] packed = new long[words];
        Map<Property, Found> found = new LinkedHashMap<>();
        int invariantCount = info.invariants().size();
        int iw = invariantWords();
        // bits of the invariants not found violated yet
        long[] unfound = new long[iw];
        for (int i = 0; i < invariantCount; i++) {
            unfound[i >>> 6] |= 1L << i;
        }
        long[] all = unfound.clone();
        Edges edges = keepEdges ? new Edges(options.maxStates(), symmetry.groupSize()) : null;

        byte[] init = model.initialState();
        symmetry.canonicalize(init, canon);
        layout.pack(canon, packed);
        set.add(packed, -1);
        checkInvariants(canon, 0, -1, null, unfound, all, 0, found);

        int transitionCount = info.transitions().size();
        Work work = new Work(words, transitionCount, iw);
        long[] reads = slotInvariants(iw);
        Expander mine = new Expander(model, symmetry, layout, transitionCount, reads, iw);
        List<Thread> threads = new ArrayList<>();
        for (int t = 1; t < options.threads(); t++) {
            Model other = another(model);
            if (other == null) {
                break;
            }
            Expander e = new Expander(other, symmetry.copy(), layout, transitionCount, reads, iw);
            Thread th = new Thread(() -> work.serve(e), "inkan-explore-" + t);
            th.setDaemon(true);
            threads.add(th);
        }
        // workers start once there is work for them: small explorations stay on this thread
        boolean started = threads.isEmpty();

        long transitions = 0;
        int[] firstState = new int[transitionCount];
        Arrays.fill(firstState, -1);
        long touched = 0;
        int depth = 0;
        int levelEnd = 1;
        int id = 0;
        String stop = null;
        long lastProgress = start;
        Chunk chunk = null;
        int nextParent = 0;
        try {
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
                        options.progress().accept(new Progress(depth, set.size(), transitions, set.size() - id,
                                now - start));
                    }
                }
                if (chunk == null || id >= chunk.first + chunk.count) {
                    if (chunk != null) {
                        chunk.mergeFirst(firstState, id);
                        work.consumed++;
                    }
                    // hand out the states known so far; on the last level to expand, none deeper
                    int limit = depth + 1 >= options.maxDepth() ? levelEnd : set.size();
                    if (!started && limit - nextParent > startWorkersAt) {
                        threads.forEach(Thread::start);
                        started = true;
                    }
                    nextParent = work.publish(set, nextParent, limit);
                    chunk = work.await(mine);
                }
                int p = id - chunk.first;
                transitions += chunk.enabled[p];
                for (int f = chunk.failFrom[p]; f < chunk.failFrom[p + 1]; f++) {
                    Outcome o = chunk.failOutcomes.get(f);
                    Action a = chunk.failActions.get(f);
                    if (o.kind() == Outcome.Kind.NOT_ENABLED) {
                        throw new IllegalStateException("the model lists " + a + " as enabled but refuses to step it");
                    }
                    Property prop = Property.ofOutcome(info, o);
                    found.putIfAbsent(prop, new Found(prop, o.message(), -1, id, a));
                }
                if (edges != null) {
                    edges.startState(id);
                }
                int from = chunk.succFrom[p];
                int to = chunk.succFrom[p + 1];
                touched += set.touch(chunk.hashes, chunk.perms, from, to);
                long[] successors = chunk.successors;
                if (edges != null && chunk.loops[p]) {
                    edges.loop(id);
                }
                for (int i = from; i < to; i++) {
                    if (chunk.perms[i] == LOOP) {
                        continue;
                    }
                    int r = set.add(successors, i * words, chunk.hashes[i], id);
                    int target = r >= 0 ? r : -r - 1;
                    if (edges != null) {
                        edges.add(target, chunk.perms[i]);
                    }
                    if (r >= 0) {
                        // only the invariants that read a slot the step changed can have changed: the parent kept them
                        if (invariantCount > 0 && any(unfound, chunk.affects, i * iw)) {
                            layout.unpack(successors, i * words, canon);
                            if (!invariantsHold(canon, unfound, chunk.affects, i * iw)) {
                                checkInvariants(canon, r, id, chunk.action(model, layout, p, chunk.actionOf[i]),
                                        unfound, chunk.affects, i * iw, found);
                            }
                        }
                        if (set.size() >= options.maxStates()) {
                            stop = "state bound " + options.maxStates() + " reached";
                            id++;
                            break outer;
                        }
                    }
                }
            }
            if (chunk != null) {
                chunk.mergeFirst(firstState, id);
            }
        } finally {
            work.finish();
            for (Thread th : threads) {
                try {
                    if (th.isAlive()) {
                        th.join();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
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

    /** A second model like {@code model} for another thread (models are not thread-safe), or null. */
    private static Model another(Model model) {
        try {
            Object m = model.getClass().getConstructor(int[].class).newInstance((Object) model.domainSizes());
            return m instanceof Model other && other.stateSize() == model.stateSize() ? other : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Longs per set of invariants (one bit each). */
    private int invariantWords() {
        return (info.invariants().size() + 63) >>> 6;
    }

    /**
     * Per slot, the invariants that read it ({@code iw} longs per slot): an invariant whose reads
     * are not known reads every slot.
     */
    private long[] slotInvariants(int iw) {
        int n = layout.size();
        long[] out = new long[n * iw];
        for (ModelInfo.Invariant inv : info.invariants()) {
            int i = inv.index();
            long bit = 1L << i;
            int w = i >>> 6;
            List<ModelInfo.Read> reads = inv.reads();
            boolean known = reads != null;
            for (int r = 0; known && r < reads.size(); r++) {
                ModelInfo.Read read = reads.get(r);
                known = read.machine() >= 0 && read.machine() < info.machines().size()
                        && read.field() >= 0 && read.field() <= info.machines().get(read.machine()).vars().size();
            }
            if (!known) {
                for (int slot = 0; slot < n; slot++) {
                    out[slot * iw + w] |= bit;
                }
                continue;
            }
            for (ModelInfo.Read read : reads) {
                for (int k = 0; k < model.instanceCount(read.machine()); k++) {
                    out[(layout.machineSlot(read.machine(), k) + read.field()) * iw + w] |= bit;
                }
            }
        }
        return out;
    }

    /** Whether the set at {@code set[at..]} holds an invariant of {@code unfound}. */
    private static boolean any(long[] unfound, long[] set, int at) {
        for (int w = 0; w < unfound.length; w++) {
            if ((unfound[w] & set[at + w]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether every invariant not yet found violated that is in the set at {@code set[at..]} holds. */
    private boolean invariantsHold(byte[] state, long[] unfound, long[] set, int at) {
        for (int w = 0; w < unfound.length; w++) {
            for (long bits = unfound[w] & set[at + w]; bits != 0; bits &= bits - 1) {
                if (!model.invariantHolds((w << 6) + Long.numberOfTrailingZeros(bits), state)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The chunks of work between this thread, which publishes and consumes them in order, and
     * the workers, which claim them in order; a ring of {@link #RING} chunks, a chunk's slot
     * reused once it is consumed.
     */
    private final class Work {
        private final Chunk[] ring = new Chunk[RING];
        private final AtomicLong claimed = new AtomicLong();
        private volatile long published;
        private volatile boolean finished;
        /** Chunks consumed (this thread only). */
        long consumed;

        Work(int words, int transitions, int iw) {
            for (int i = 0; i < RING; i++) {
                ring[i] = new Chunk(words, transitions, iw);
            }
        }

        /** Publishes chunks of the parents from {@code next} below {@code limit} while the ring has room. */
        int publish(StateSet set, int next, int limit) {
            long pub = published;
            while (next < limit && pub - consumed < RING) {
                Chunk c = ring[(int) (pub % RING)];
                int count = Math.min(CHUNK, limit - next);
                c.prepare(pub, next, count, set);
                next += count;
                pub++;
                published = pub;
            }
            return next;
        }

        /** The next chunk to consume, expanding chunks with {@code mine} while it is not ready. */
        Chunk await(Expander mine) {
            long seq = consumed;
            Chunk c = ring[(int) (seq % RING)];
            int idle = 0;
            while (c.done != seq) {
                Chunk other = claim();
                if (other != null) {
                    other.expand(mine);
                    idle = 0;
                } else if (++idle < 64) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(20_000);
                }
            }
            if (c.error != null) {
                throw c.error;
            }
            return c;
        }

        private Chunk claim() {
            while (true) {
                long s = claimed.get();
                if (s >= published) {
                    return null;
                }
                if (claimed.compareAndSet(s, s + 1)) {
                    return ring[(int) (s % RING)];
                }
            }
        }

        /** A worker's loop: expand chunks as they come, until {@link #finish}. */
        void serve(Expander e) {
            int idle = 0;
            while (!finished) {
                Chunk c = claim();
                if (c != null) {
                    c.expand(e);
                    idle = 0;
                } else if (++idle < 256) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(idle < 4096 ? 20_000 : 200_000);
                }
            }
        }

        void finish() {
            finished = true;
        }
    }

    /** Consecutive parents and, once expanded, their successors, in the order a single thread would step them. */
    private static final class Chunk {
        private final int words;
        /** Longs per set of invariants. */
        private final int iw;
        long seq;
        int first;
        int count;
        long[] parents = new long[0];
        /** Per parent: enabled actions (each one a transition), its successors, its failed steps. */
        int[] enabled = new int[CHUNK];
        /** Per parent: whether some step of it changed nothing. */
        boolean[] loops = new boolean[CHUNK];
        int[] succFrom = new int[CHUNK + 1];
        int[] failFrom = new int[CHUNK + 1];
        long[] successors;
        int[] hashes = new int[1024];
        int[] perms = new int[1024];
        int[] actionOf = new int[1024];
        /** Per successor: the invariants that read a slot its step changed ({@code iw} longs each). */
        long[] affects;
        final List<Outcome> failOutcomes = new ArrayList<>();
        final List<Action> failActions = new ArrayList<>();
        /** The transitions some step of the chunk took, each with the first parent that took it. */
        int[] firstTransition = new int[16];
        int[] firstParent = new int[16];
        int firsts;
        RuntimeException error;
        /** The sequence number once expanded (written last). */
        volatile long done = -1;

        Chunk(int words, int transitions, int iw) {
            this.words = words;
            this.iw = iw;
            successors = new long[1024 * words];
            affects = new long[1024 * iw];
        }

        void prepare(long seq, int first, int count, StateSet set) {
            this.seq = seq;
            this.first = first;
            this.count = count;
            if (parents.length < count * words) {
                parents = new long[CHUNK * words];
            }
            System.arraycopy(set.arena(), set.offset(first), parents, 0, count * words);
            error = null;
        }

        void expand(Expander e) {
            try {
                e.expand(this);
            } catch (RuntimeException | Error x) {
                error = x instanceof RuntimeException r ? r : new IllegalStateException(x);
            }
            done = seq;
        }

        void ensure(int successorsNeeded) {
            if (hashes.length < successorsNeeded) {
                int cap = Math.max(successorsNeeded, hashes.length * 2);
                successors = Arrays.copyOf(successors, cap * words);
                hashes = Arrays.copyOf(hashes, cap);
                perms = Arrays.copyOf(perms, cap);
                actionOf = Arrays.copyOf(actionOf, cap);
                affects = Arrays.copyOf(affects, cap * iw);
            }
        }

        /** Successor {@code succ} of parent {@code p} is a loop, by its action {@code k}; the next successor's index. */
        int loop(int succ, int p, int k) {
            perms[succ] = LOOP;
            actionOf[succ] = k;
            loops[p] = true;
            return succ + 1;
        }

        void noteFirst(int transition, int parent) {
            if (firsts == firstTransition.length) {
                firstTransition = Arrays.copyOf(firstTransition, firsts * 2);
                firstParent = Arrays.copyOf(firstParent, firsts * 2);
            }
            firstTransition[firsts] = transition;
            firstParent[firsts] = parent;
            firsts++;
        }

        /** Notes in {@code firstState} the transitions taken by the chunk's parents below {@code end}. */
        void mergeFirst(int[] firstState, int end) {
            for (int i = 0; i < firsts; i++) {
                int t = firstTransition[i];
                if (firstParent[i] < end && firstState[t] < 0) {
                    firstState[t] = firstParent[i];
                }
            }
        }

        /** The {@code k}th enabled action of parent {@code p} of the chunk (again: only needed for a report). */
        Action action(Model model, StateLayout layout, int p, int k) {
            byte[] s = new byte[layout.size()];
            layout.unpack(parents, p * words, s);
            return new ActionBuffer().fill(model, s).action(k);
        }
    }

    /** Expands chunks: one per thread, with a model, scratch space and symmetry of its own. */
    private static final class Expander {
        private final Model model;
        private final Symmetry symmetry;
        private final StateLayout layout;
        private final ActionBuffer buffer = new ActionBuffer();
        private final Recorder recorder = new Recorder();
        private final byte[] cur;
        private final byte[] next;
        private final int[] changed;
        private final long[] curPacked;
        /** Per transition: the parent that first took it in the current chunk, or -1. */
        private final int[] localFirst;
        /** Per slot: the invariants that read it, {@code iw} longs each. */
        private final long[] reads;
        private final int iw;

        Expander(Model model, Symmetry symmetry, StateLayout layout, int transitions, long[] reads, int iw) {
            this.model = model;
            this.symmetry = symmetry;
            this.layout = layout;
            this.reads = reads;
            this.iw = iw;
            int n = layout.size();
            cur = new byte[n];
            next = new byte[n];
            changed = new int[n];
            curPacked = new long[layout.words()];
            localFirst = new int[transitions];
            Arrays.fill(localFirst, -1);
        }

        void expand(Chunk c) {
            int n = layout.size();
            int words = layout.words();
            int succ = 0;
            c.firsts = 0;
            c.failOutcomes.clear();
            c.failActions.clear();
            c.succFrom[0] = 0;
            c.failFrom[0] = 0;
            for (int p = 0; p < c.count; p++) {
                int id = c.first + p;
                System.arraycopy(c.parents, p * words, curPacked, 0, words);
                layout.unpack(curPacked, 0, cur);
                symmetry.parent(cur);
                buffer.fill(model, cur);
                c.enabled[p] = buffer.size();
                c.loops[p] = false;
                c.ensure(succ + buffer.size());
                long[] successors = c.successors;
                // next equals cur before every step: the slots a step changed are put back after it
                System.arraycopy(cur, 0, next, 0, n);
                for (int k = 0; k < buffer.size(); k++) {
                    int loop = buffer.loopTransition(k);
                    if (loop >= 0) {
                        // the generator knows this step: it takes the transition and changes nothing
                        taken(loop, id, c);
                        succ = c.loop(succ, p, k);
                        continue;
                    }
                    recorder.count = 0;
                    Outcome o = model.step(next, buffer.event(k), buffer.instance(k), buffer.args(k), recorder);
                    if (!o.ok()) {
                        c.failOutcomes.add(o);
                        c.failActions.add(buffer.action(k));
                        System.arraycopy(cur, 0, next, 0, n);
                        continue;
                    }
                    for (int t = 0; t < recorder.count; t++) {
                        taken(recorder.taken[t], id, c);
                    }
                    if (model.unchanged()) {
                        // known without looking: the step wrote nothing
                        succ = c.loop(succ, p, k);
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
                    if (changes == 0) {
                        // the parent itself, stored already in its canonical form: a loop under the identity
                        succ = c.loop(succ, p, k);
                        continue;
                    }
                    int at = succ * words;
                    int g = symmetry.packSuccessor(cur, next, changed, changes, layout, successors, at);
                    if (g < 0) {
                        layout.repack(curPacked, next, changed, changes, successors, at);
                        c.perms[succ] = 0;
                    } else {
                        c.perms[succ] = g;
                    }
                    c.hashes[succ] = StateSet.hash(successors, at, words);
                    c.actionOf[succ] = k;
                    long[] affects = c.affects;
                    for (int w = 0; w < iw; w++) {
                        long bits = 0;
                        for (int x = 0; x < changes; x++) {
                            bits |= reads[changed[x] * iw + w];
                        }
                        affects[succ * iw + w] = bits;
                    }
                    for (int x = 0; x < changes; x++) {
                        next[changed[x]] = cur[changed[x]];
                    }
                    succ++;
                }
                c.succFrom[p + 1] = succ;
                c.failFrom[p + 1] = c.failOutcomes.size();
            }
            for (int i = 0; i < c.firsts; i++) {
                localFirst[c.firstTransition[i]] = -1;
            }
        }

        /** Notes in {@code c} that parent {@code id} took {@code transition}, when none of the chunk's did before. */
        private void taken(int transition, int id, Chunk c) {
            if (localFirst[transition] < 0) {
                localFirst[transition] = id;
                c.noteFirst(transition, id);
            }
        }
    }

    private boolean hasHotStates() {
        for (ModelInfo.Monitor m : info.monitors()) {
            if (m.hot().contains(Boolean.TRUE)) {
                return true;
            }
        }
        return false;
    }

    /** Notes every invariant of the set at {@code set[at..]}, not found violated yet, that the state violates. */
    private void checkInvariants(byte[] state, int id, int parent, Action a, long[] unfound, long[] set, int at,
                                 Map<Property, Found> found) {
        for (int w = 0; w < unfound.length; w++) {
            for (long bits = unfound[w] & set[at + w]; bits != 0; bits &= bits - 1) {
                int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (model.invariantHolds(i, state)) {
                    continue;
                }
                unfound[w] &= ~(1L << i);
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

    /**
     * The transition graph between stored states, with the renaming that made each target
     * canonical. An edge is one int, {@code target << shift | renaming}, when every state id and
     * renaming fit (else two: target, renaming), kept in blocks: a long search keeps hundreds of
     * millions of edges, and blocks grow without copying them.
     */
    static final class Edges {
        int[] start = new int[1024];
        int count;
        int states;
        /**
         * States with a step that changes nothing. Such a loop is not kept as an edge (60% of all
         * steps are loops, and a loop under the identity never helps a monitor instance cool
         * down); only a lasso that ends in such a state needs to know it.
         */
        final BitSet loops = new BitSet();
        /** Bits of the renaming in an edge, or -1 for two ints per edge. */
        final int shift;
        private final int mask;
        private final IntBlocks ints = new IntBlocks();

        Edges(long maxStates, int groups) {
            int bits = 32 - Integer.numberOfLeadingZeros(Math.max(0, groups - 1));
            shift = maxStates <= (Integer.MAX_VALUE >> bits) ? bits : -1;
            mask = shift < 0 ? 0 : (1 << shift) - 1;
        }

        void startState(int id) {
            if (id + 2 > start.length) {
                start = Arrays.copyOf(start, start.length * 2);
            }
            start[id] = count;
            states = id + 1;
        }

        void add(int target, int g) {
            if (count == Integer.MAX_VALUE - 1) {
                throw new IllegalStateException("too many transitions to keep for the liveness check");
            }
            if (shift >= 0) {
                ints.set(count, target << shift | g);
            } else {
                ints.set(2L * count, target);
                ints.set(2L * count + 1, g);
            }
            count++;
        }

        void loop(int state) {
            loops.set(state);
        }

        int to(int e) {
            return shift >= 0 ? ints.get(e) >>> shift : ints.get(2L * e);
        }

        int perm(int e) {
            return shift >= 0 ? ints.get(e) & mask : ints.get(2L * e + 1);
        }

        void finish(int expanded) {
            if (expanded + 1 > start.length) {
                start = Arrays.copyOf(start, expanded + 1);
            }
            start[expanded] = count;
            states = expanded;
        }
    }

    /** A growing array of ints in blocks of 2^20, never copied as it grows. */
    static final class IntBlocks {
        private static final int BITS = 20;
        private static final int MASK = (1 << BITS) - 1;
        private int[][] blocks = new int[16][];

        void set(long i, int v) {
            int b = (int) (i >>> BITS);
            if (b >= blocks.length) {
                blocks = Arrays.copyOf(blocks, Math.max(b + 1, blocks.length * 2));
            }
            int[] block = blocks[b];
            if (block == null) {
                block = new int[1 << BITS];
                blocks[b] = block;
            }
            block[(int) i & MASK] = v;
        }

        int get(long i) {
            return blocks[(int) (i >>> BITS)][(int) i & MASK];
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
                revStart[edges.to(e) + 1]++;
            }
            for (int i = 0; i < states; i++) {
                revStart[i + 1] += revStart[i];
            }
            // reverse edge r: its source and renaming, encoded as the forward edges are
            int shift = edges.shift;
            int mask = shift < 0 ? 0 : (1 << shift) - 1;
            IntBlocks rev = new IntBlocks();
            int[] fill = Arrays.copyOf(revStart, states);
            for (int from = 0; from < expanded; from++) {
                for (int e = edges.start[from]; e < edges.start[from + 1]; e++) {
                    int t = edges.to(e);
                    int r = fill[t]++;
                    if (shift >= 0) {
                        rev.set(r, from << shift | edges.perm(e));
                    } else {
                        rev.set(2L * r, from);
                        rev.set(2L * r + 1, edges.perm(e));
                    }
                }
            }
            for (int head = 0; head < tail; head++) {
                int node = queue[head];
                int t = node / k;
                int j = node % k;
                for (int e = revStart[t]; e < revStart[t + 1]; e++) {
                    int from = shift >= 0 ? rev.get(e) >>> shift : rev.get(2L * e);
                    int g = shift >= 0 ? rev.get(e) & mask : rev.get(2L * e + 1);
                    int i = inverse[g][j];
                    int prev = from * k + i;
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
                    // only loops left, or nothing at all
                    loopAt = edges.loops.get(state) ? path.size() - 1 : path.size();
                    break;
                }
                int e = edges.start[state];
                inst = image[edges.perm(e)][inst];
                state = edges.to(e);
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
