package dev.inkan.properties.explore;

import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import java.util.ArrayList;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import dev.inkan.runtime.model.ValueType;

/**
 * Symmetry reduction over the domains: domain elements are interchangeable, so a state and
 * every renaming of its elements are one state. The canonical form of a state is the smallest
 * (slot by slot) of its renamings under every permutation of every domain.
 *
 * <p>The renamings are those of {@link Model#permute}. Each is a permutation of the slots plus
 * a mapping of the values in domain-typed slots; this class learns both once per domain
 * permutation by probing {@code Model.permute} (one slot changed at a time), composes them over
 * the domains, checks the composition against {@code Model.permute} on random states, and then
 * renames with table lookups, abandoning a permutation at the first slot where it is already
 * larger than the best so far.
 */
public final class Symmetry {
    private final int size;
    /** Per group element: output slot j takes input slot src[g][j]. */
    private final int[][] src;
    /** Per group element and output slot: value mapping, or null for identity. */
    private final byte[][][] map;
    private final int[][] dst;
    /** Slots some renaming moves or maps; the others are equal in every renaming and never compared. */
    private final int[] moving;
    /** The domains the group permutes (size 2 or more), in the order group indexes combine them (last fastest). */
    private final Signatures signatures;
    private final long[][] parentSigs;
    private final long[][] childSigs;
    /** Packed renamings of the last {@link #parent}, per group element: valid where {@code imageStamp[g] == stamp}. */
    private long[] images;
    private int[] imageStamp;
    private int stamp = 1;
    private long[] imageScratch;
    /**
     * Up to this many candidates, each one's image is packed (from the parent's, cheap once that
     * is known) and compared packed; beyond, images are compared slot by slot, which mostly
     * stops early, and only the smallest is packed.
     */
    private static final int PACKED_COMPARE = 12;

    private Symmetry(int size, int[][] src, byte[][][] map, Signatures signatures) {
        this.size = size;
        this.src = src;
        this.map = map;
        this.signatures = signatures;
        this.dst = new int[src.length][];
        for (int g = 0; g < src.length; g++) {
            dst[g] = new int[size];
            for (int j = 0; j < size; j++) {
                dst[g][src[g][j]] = j;
            }
        }
        this.parentSigs = signatures == null ? null : signatures.newSignatures();
        this.childSigs = signatures == null ? null : signatures.newSignatures();
        int[] mv = new int[size];
        int n = 0;
        for (int j = 0; j < size; j++) {
            boolean moves = false;
            for (int g = 0; g < src.length && !moves; g++) {
                moves = src[g][j] != j || map[g][j] != null;
            }
            if (moves) {
                mv[n++] = j;
            }
        }
        moving = Arrays.copyOf(mv, n);
    }

    private Symmetry(Symmetry from) {
        this.size = from.size;
        this.src = from.src;
        this.map = from.map;
        this.dst = from.dst;
        this.moving = from.moving;
        this.signatures = from.signatures == null ? null : from.signatures.copy();
        this.parentSigs = signatures == null ? null : signatures.newSignatures();
        this.childSigs = signatures == null ? null : signatures.newSignatures();
    }

    /**
     * The same renamings with scratch space of its own: canonicalizing changes scratch arrays,
     * so each thread canonicalizes with its own copy.
     */
    public Symmetry copy() {
        return new Symmetry(this);
    }

    /** No reduction: the group holds the identity only. */
    public static Symmetry none(StateLayout layout) {
        int[] id = new int[layout.size()];
        Arrays.setAll(id, i -> i);
        return new Symmetry(layout.size(), new int[][] {id}, new byte[][][] {new byte[layout.size()][]}, null);
    }

    /** Every permutation of every domain of size 2 or more (at most {@code maxGroup} elements in all). */
    public static Symmetry of(Model model, StateLayout layout, int maxGroup) {
        int n = layout.size();
        int[] sizes = model.domainSizes();
        // start with the identity, compose each domain's permutations in
        List<Table> group = new ArrayList<>();
        group.add(Table.identity(n));
        long total = 1;
        for (ModelInfo.Domain d : model.info().domains()) {
            int k = sizes[d.index()];
            if (k < 2) {
                continue;
            }
            total *= factorial(k);
            if (total > maxGroup) {
                throw new IllegalArgumentException("symmetry group of " + total + " permutations is too large (at most "
                        + maxGroup + "); use smaller bounds or --no-symmetry");
            }
            List<Table> domainPerms = new ArrayList<>();
            for (int[] p : permutations(k)) {
                domainPerms.add(probe(model, layout, d.index(), p));
            }
            List<Table> next = new ArrayList<>();
            for (Table g : group) {
                for (Table h : domainPerms) {
                    next.add(g.then(h));
                }
            }
            group = next;
        }
        int[][] src = new int[group.size()][];
        byte[][][] map = new byte[group.size()][][];
        // one array per distinct value mapping, so renamings that map a slot alike share it
        Map<ByteBuffer, byte[]> maps = new HashMap<>();
        for (int g = 0; g < group.size(); g++) {
            Table t = group.get(g);
            src[g] = new int[n];
            map[g] = new byte[n][];
            for (int i = 0; i < n; i++) {
                src[g][t.dst[i]] = i;
                byte[] v = t.val[i];
                map[g][t.dst[i]] = t.isIdentityValues(i) ? null : maps.computeIfAbsent(ByteBuffer.wrap(v), k -> v);
            }
        }
        Symmetry s = new Symmetry(n, src, map, group.size() > 1 ? new Signatures(model, layout) : null);
        s.verify(model, layout, group.size() > 1 ? domainsOrder(model) : List.of());
        return s;
    }

    public int groupSize() {
        return src.length;
    }

    /**
     * Writes the canonical form of {@code in} into {@code out} and returns the group element
     * that produced it (0 is the identity): {@code out = g(in)}.
     *
     * <p>Only renamings that sort each domain's elements by their signature are candidates
     * (signatures describe what an element's instances hold, and a renaming carries them along,
     * so every state of an orbit has the same candidates' images); the canonical form is the
     * smallest image among them. Elements with distinct signatures leave one candidate.
     */
    public int canonicalize(byte[] in, byte[] out) {
        if (signatures == null) {
            System.arraycopy(in, 0, out, 0, size);
            return 0;
        }
        signatures.signatures(in, childSigs);
        return best(signatures.candidates(childSigs), in, out);
    }

    /**
     * Remembers a state whose successors come next: {@link #canonicalizeSuccessor} then updates
     * its signatures by the slots a step changed instead of computing them again.
     */
    public void parent(byte[] state) {
        stamp++;
        if (stamp == 0) {
            if (imageStamp != null) {
                Arrays.fill(imageStamp, 0);
            }
            stamp = 1;
        }
        if (signatures != null) {
            signatures.signatures(state, parentSigs);
        }
    }

    /**
     * {@link #canonicalize} for a successor of the last {@link #parent}, given the slots that
     * differ. Returns -1 when the successor is canonical as it is ({@code out} untouched),
     * else the group element, with the canonical form in {@code out}.
     */
    public int canonicalizeSuccessor(byte[] parent, byte[] in, int[] changed, int nChanged, byte[] out) {
        if (signatures == null) {
            return -1;
        }
        int n = successorCandidates(parent, in, changed, nChanged);
        if (n == 1 && signatures.candidates[0] == 0) {
            return -1;
        }
        return best(n, in, out);
    }

    /** The candidates of a successor of the last {@link #parent}: its signatures updated by the changed slots. */
    private int successorCandidates(byte[] parent, byte[] in, int[] changed, int nChanged) {
        for (int i = 0; i < parentSigs.length; i++) {
            System.arraycopy(parentSigs[i], 0, childSigs[i], 0, parentSigs[i].length);
        }
        for (int c = 0; c < nChanged; c++) {
            int slot = changed[c];
            signatures.update(childSigs, slot, parent[slot] & 0xFF, in[slot] & 0xFF);
        }
        return signatures.candidates(childSigs);
    }

    /**
     * {@link #canonicalizeSuccessor}, packed: returns -1 when the successor is canonical as it is
     * (nothing written), else the group element, with the canonical form packed at
     * {@code out[offset..]}.
     */
    public int packSuccessor(byte[] parent, byte[] in, int[] changed, int nChanged, StateLayout layout, long[] out,
                             int offset) {
        if (signatures == null) {
            return -1;
        }
        int n = successorCandidates(parent, in, changed, nChanged);
        int[] cands = signatures.candidates;
        int g = cands[0];
        if (n == 1 && g == 0) {
            return -1;
        }
        int words = layout.words();
        if (images == null) {
            images = new long[src.length * words];
            imageStamp = new int[src.length];
            imageScratch = new long[words];
        }
        if (n > PACKED_COMPARE) {
            // many candidates: compare slot by slot, most stop at the first slots
            for (int c = 1; c < n; c++) {
                g = smaller(g, cands[c], in);
            }
            image(g, parent, in, changed, nChanged, layout, out, offset);
            return g;
        }
        image(g, parent, in, changed, nChanged, layout, out, offset);
        // the smallest image, slot by slot; the first candidate among equal ones
        for (int c = 1; c < n; c++) {
            int h = cands[c];
            image(h, parent, in, changed, nChanged, layout, imageScratch, 0);
            if (layout.less(imageScratch, 0, out, offset)) {
                System.arraycopy(imageScratch, 0, out, offset, words);
                g = h;
            }
        }
        return g;
    }

    /** Of two group elements, the one whose image of {@code in} is smaller slot by slot (the first one on a tie). */
    private int smaller(int a, int b, byte[] in) {
        int[] sa = src[a];
        int[] sb = src[b];
        byte[][] ma = map[a];
        byte[][] mb = map[b];
        for (int j : moving) {
            byte[] mja = ma[j];
            byte[] mjb = mb[j];
            int va = mja == null ? in[sa[j]] & 0xFF : mja[in[sa[j]] & 0xFF] & 0xFF;
            int vb = mjb == null ? in[sb[j]] & 0xFF : mjb[in[sb[j]] & 0xFF] & 0xFF;
            if (va != vb) {
                return vb < va ? b : a;
            }
        }
        return a;
    }

    /**
     * Packs g(in) at {@code out[offset..]}: g(in) differs from g(parent) only where in differs
     * from parent, so the parent is renamed (and packed) once per group element it needs.
     */
    private void image(int g, byte[] parent, byte[] in, int[] changed, int nChanged, StateLayout layout, long[] out,
                       int offset) {
        int words = layout.words();
        int base = g * words;
        if (imageStamp[g] != stamp) {
            layout.packRenamed(src[g], map[g], parent, images, base);
            imageStamp[g] = stamp;
        }
        System.arraycopy(images, base, out, offset, words);
        int[] d = dst[g];
        byte[][] m = map[g];
        for (int c = 0; c < nChanged; c++) {
            int i = changed[c];
            int j = d[i];
            byte[] mj = m[j];
            layout.set(out, offset, j, mj == null ? in[i] & 0xFF : mj[in[i] & 0xFF] & 0xFF);
        }
    }

    /** The smallest image among the first n candidates. */
    private int best(int n, byte[] in, byte[] out) {
        int[] cands = signatures.candidates;
        int best = cands[0];
        apply(best, in, out);
        for (int c = 1; c < n; c++) {
            int g = cands[c];
            int[] s = src[g];
            byte[][] m = map[g];
            for (int j : moving) {
                byte[] mj = m[j];
                int v = mj == null ? in[s[j]] & 0xFF : mj[in[s[j]] & 0xFF] & 0xFF;
                int b = out[j] & 0xFF;
                if (v != b) {
                    if (v < b) {
                        apply(g, in, out);
                        best = g;
                    }
                    break;
                }
            }
        }
        return best;
    }

    /** Applies group element g: {@code out = g(in)}. */
    public void apply(int g, byte[] in, byte[] out) {
        int[] s = src[g];
        byte[][] m = map[g];
        for (int j = 0; j < size; j++) {
            out[j] = m[j] == null ? in[s[j]] : m[j][in[s[j]] & 0xFF];
        }
    }

    /** Where slot {@code slot} goes under group element g. */
    public int image(int g, int slot) {
        return dst[g][slot];
    }

    // ------------------------------------------------------------------ signatures

    /**
     * What each element of each permuted domain holds: the sum of mixed contributions of every
     * slot of every machine and monitor instance that has the element as a parameter (salted by
     * the machine, the parameter position and the variable). Domain values inside the slots count
     * only as none, the element itself, or another element, so a renaming carries signatures
     * along with the elements.
     */
    private static final class Signatures {
        private static final byte PLAIN = 0;
        private static final byte SAME = 1;
        private static final byte SAME_OPTIONAL = 2;
        private static final byte OTHER = 3;
        private static final byte OTHER_OPTIONAL = 4;

        private final int[] k;
        private final int[] stride;
        private final int[][][] slots;
        /** [domain][element]: contribution of entry x with raw value v at [x * 256 + v]. */
        private final long[][][] contributions;
        private final List<List<int[]>> perms;
        private final int[] revStart;
        private final int[] revDomain;
        private final int[] revElement;
        private final int[] revEntry;
        private final int[][] ranks;
        private final int[] rankCount;
        private final int[][][] permArrays;
        private final int[][] low;
        private final int[][] equal;
        final int[] candidates;

        /** Shares the tables, with scratch space of its own. */
        private Signatures(Signatures from) {
            k = from.k;
            stride = from.stride;
            slots = from.slots;
            contributions = from.contributions;
            perms = from.perms;
            revStart = from.revStart;
            revDomain = from.revDomain;
            revElement = from.revElement;
            revEntry = from.revEntry;
            ranks = new int[from.ranks.length][];
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = new int[from.ranks[i].length];
            }
            rankCount = new int[from.rankCount.length];
            candidates = new int[from.candidates.length];
            permArrays = from.permArrays;
            low = new int[k.length][];
            equal = new int[k.length][];
            for (int i = 0; i < k.length; i++) {
                low[i] = new int[k[i]];
                equal[i] = new int[k[i]];
            }
        }

        Signatures copy() {
            return new Signatures(this);
        }

        Signatures(Model model, StateLayout layout) {
            ModelInfo info = model.info();
            int[] sizes = model.domainSizes();
            List<Integer> ds = new ArrayList<>();
            for (ModelInfo.Domain d : info.domains()) {
                if (sizes[d.index()] >= 2) {
                    ds.add(d.index());
                }
            }
            int q = ds.size();
            k = new int[q];
            stride = new int[q];
            slots = new int[q][][];
            contributions = new long[q][][];
            perms = new ArrayList<>();
            ranks = new int[q][];
            rankCount = new int[q];
            int total = 1;
            for (int i = q - 1; i >= 0; i--) {
                k[i] = sizes[ds.get(i)];
                stride[i] = total;
                total *= (int) factorial(k[i]);
            }
            candidates = new int[total];
            permArrays = new int[q][][];
            low = new int[q][];
            equal = new int[q][];
            for (int i = 0; i < q; i++) {
                int domain = ds.get(i);
                perms.add(permutations(k[i]));
                ranks[i] = new int[perms.get(i).size()];
                permArrays[i] = perms.get(i).toArray(new int[0][]);
                low[i] = new int[k[i]];
                equal[i] = new int[k[i]];
                List<List<long[]>> entries = new ArrayList<>();
                for (int e = 0; e < k[i]; e++) {
                    entries.add(new ArrayList<>());
                }
                for (ModelInfo.Machine m : info.machines()) {
                    for (int inst = 0; inst < model.instanceCount(m.index()); inst++) {
                        collect(entries, domain, 1, m.index(), m.params(), m.vars(), inst,
                                layout.machineSlot(m.index(), inst), sizes);
                    }
                }
                for (ModelInfo.Monitor m : info.monitors()) {
                    for (int inst = 0; inst < model.monitorInstanceCount(m.index()); inst++) {
                        collect(entries, domain, 2, m.index(), m.params(), m.vars(), inst,
                                layout.monitorSlot(m.index(), inst), sizes);
                    }
                }
                slots[i] = new int[k[i]][];
                contributions[i] = new long[k[i]][];
                for (int e = 0; e < k[i]; e++) {
                    List<long[]> l = entries.get(e);
                    slots[i][e] = new int[l.size()];
                    contributions[i][e] = new long[l.size() * 256];
                    for (int x = 0; x < l.size(); x++) {
                        slots[i][e][x] = (int) l.get(x)[0];
                        long salt = l.get(x)[1];
                        byte kind = (byte) l.get(x)[2];
                        for (int raw = 0; raw < 256; raw++) {
                            int v = switch (kind) {
                                case SAME -> raw == e ? 1 : 2;
                                case SAME_OPTIONAL -> raw == 0 ? 0 : raw - 1 == e ? 1 : 2;
                                case OTHER -> 2;
                                case OTHER_OPTIONAL -> raw == 0 ? 0 : 2;
                                default -> raw;
                            };
                            contributions[i][e][x * 256 + raw] = mix(salt + v);
                        }
                    }
                }
            }
            // slot -> the (domain, element, entry) signatures it feeds
            int n = layout.size();
            revStart = new int[n + 1];
            for (int i = 0; i < q; i++) {
                for (int e = 0; e < k[i]; e++) {
                    for (int sl : slots[i][e]) {
                        revStart[sl + 1]++;
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                revStart[j + 1] += revStart[j];
            }
            int[] fill = Arrays.copyOf(revStart, n);
            revDomain = new int[revStart[n]];
            revElement = new int[revStart[n]];
            revEntry = new int[revStart[n]];
            for (int i = 0; i < q; i++) {
                for (int e = 0; e < k[i]; e++) {
                    for (int x = 0; x < slots[i][e].length; x++) {
                        int at = fill[slots[i][e][x]]++;
                        revDomain[at] = i;
                        revElement[at] = e;
                        revEntry[at] = x;
                    }
                }
            }
        }

        private static void collect(List<List<long[]>> entries, int domain, int block, int owner,
                                    List<ModelInfo.Param> params, List<ModelInfo.Param> vars, int instance, int base,
                                    int[] sizes) {
            int[] values = dev.inkan.properties.model.ModelText.decode(params, instance, sizes);
            for (int pos = 0; pos < params.size(); pos++) {
                ValueType t = params.get(pos).type();
                if (t.kind() != ValueType.Kind.DOMAIN || t.domain() != domain || values[pos] < 0) {
                    continue;
                }
                List<long[]> l = entries.get(values[pos]);
                long salt = mix((block * 1_000_003L + owner) * 1_000_003L + pos);
                l.add(new long[] {base, mix(salt), PLAIN});
                for (int v = 0; v < vars.size(); v++) {
                    ValueType vt = vars.get(v).type();
                    byte kind = PLAIN;
                    if (vt.kind() == ValueType.Kind.DOMAIN) {
                        kind = vt.domain() == domain ? (vt.optional() ? SAME_OPTIONAL : SAME)
                                : (vt.optional() ? OTHER_OPTIONAL : OTHER);
                    }
                    l.add(new long[] {base + 1 + v, mix(salt + 31L * (v + 1)), kind});
                }
            }
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Computes every element's signature in a state into {@code out[domain][element]}. */
        void signatures(byte[] state, long[][] out) {
            for (int i = 0; i < k.length; i++) {
                for (int e = 0; e < k[i]; e++) {
                    int[] sl = slots[i][e];
                    long[] c = contributions[i][e];
                    long h = 0;
                    for (int x = 0; x < sl.length; x++) {
                        h += c[(x << 8) + (state[sl[x]] & 0xFF)];
                    }
                    out[i][e] = h;
                }
            }
        }

        /** Updates signatures for one slot changing from raw value {@code was} to {@code now}. */
        void update(long[][] sigs, int slot, int was, int now) {
            for (int r = revStart[slot]; r < revStart[slot + 1]; r++) {
                int i = revDomain[r];
                int e = revElement[r];
                long[] c = contributions[i][e];
                int x = revEntry[r] << 8;
                sigs[i][e] += c[x + now] - c[x + was];
            }
        }

        /**
         * Fills {@link #candidates} with the group elements that sort every domain by the given
         * signatures; returns their number.
         */
        int candidates(long[][] sigs) {
            int q = k.length;
            for (int i = 0; i < q; i++) {
                int kk = k[i];
                long[] sg = sigs[i];
                if (kk == 2) {
                    // the identity (rank 0) when sorted, the swap (rank 1) when reversed, both on a tie
                    long a = sg[0];
                    long b = sg[1];
                    int[] rk = ranks[i];
                    if (a < b) {
                        rk[0] = 0;
                        rankCount[i] = 1;
                    } else if (a > b) {
                        rk[0] = 1;
                        rankCount[i] = 1;
                    } else {
                        rk[0] = 0;
                        rk[1] = 1;
                        rankCount[i] = 2;
                    }
                    continue;
                }
                boolean ties = false;
                boolean sorted = true;
                for (int e = 0; e < kk; e++) {
                    for (int f = e + 1; f < kk; f++) {
                        ties |= sg[e] == sg[f];
                        sorted &= sg[e] < sg[f];
                    }
                }
                if (sorted) {
                    ranks[i][0] = 0;
                    rankCount[i] = 1;
                    continue;
                }
                // the consistent permutations put each element e among the ranks [lo[e], lo[e] + eq[e]):
                // after the elements with smaller signatures, ties free
                int[] lo = low[i];
                int[] eq = equal[i];
                for (int e = 0; e < kk; e++) {
                    int l = 0;
                    int q2 = 0;
                    for (int f = 0; f < kk; f++) {
                        l += sg[f] < sg[e] ? 1 : 0;
                        q2 += sg[f] == sg[e] ? 1 : 0;
                    }
                    lo[e] = l;
                    eq[e] = q2;
                }
                int n = 0;
                if (!ties) {
                    ranks[i][n++] = lehmer(lo);
                } else {
                    int[][] all = permArrays[i];
                    for (int r = 0; r < all.length; r++) {
                        int[] p = all[r];
                        boolean ok = true;
                        for (int e = 0; e < kk && ok; e++) {
                            ok = p[e] >= lo[e] && p[e] < lo[e] + eq[e];
                        }
                        if (ok) {
                            ranks[i][n++] = r;
                        }
                    }
                }
                rankCount[i] = n;
            }
            // the product over the domains, last domain fastest
            int count = 1;
            candidates[0] = 0;
            for (int i = 0; i < q; i++) {
                int rc = rankCount[i];
                if (rc == 1) {
                    int add = ranks[i][0] * stride[i];
                    for (int c = 0; c < count && add != 0; c++) {
                        candidates[c] += add;
                    }
                    continue;
                }
                int next = count * rc;
                for (int c = next - 1; c >= 0; c--) {
                    candidates[c] = candidates[c / rc] + ranks[i][c % rc] * stride[i];
                }
                count = next;
            }
            return count;
        }

        /** The index of a permutation in {@link #permutations} (lexicographic order). */
        private static int lehmer(int[] p) {
            int k = p.length;
            int rank = 0;
            for (int i = 0; i < k; i++) {
                int smaller = 0;
                for (int j = i + 1; j < k; j++) {
                    smaller += p[j] < p[i] ? 1 : 0;
                }
                rank = rank * (k - i) + smaller;
            }
            return rank;
        }

        long[][] newSignatures() {
            long[][] out = new long[k.length][];
            for (int i = 0; i < k.length; i++) {
                out[i] = new long[k[i]];
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ learning the tables

    /** A renaming as a table: input slot i goes to dst[i], its value v becomes val[i][v] (null: unchanged). */
    private record Table(int[] dst, byte[][] val) {
        static Table identity(int n) {
            int[] d = new int[n];
            for (int i = 0; i < n; i++) {
                d[i] = i;
            }
            return new Table(d, new byte[n][]);
        }

        /** This renaming, then {@code h}. */
        Table then(Table h) {
            int n = dst.length;
            int[] d = new int[n];
            byte[][] v = new byte[n][];
            for (int i = 0; i < n; i++) {
                d[i] = h.dst[dst[i]];
                byte[] first = val[i];
                byte[] second = h.val[dst[i]];
                if (first != null || second != null) {
                    byte[] c = new byte[256];
                    boolean identity = true;
                    for (int x = 0; x < 256; x++) {
                        int y = first == null ? x : first[x] & 0xFF;
                        c[x] = second == null ? (byte) y : second[y];
                        identity &= (c[x] & 0xFF) == x;
                    }
                    v[i] = identity ? null : c;
                }
            }
            return new Table(d, v);
        }

        boolean isIdentityValues(int i) {
            return val[i] == null;
        }
    }

    /** Learns what {@code model.permute(domain, perm)} does to each slot by changing one slot at a time. */
    private static Table probe(Model model, StateLayout layout, int domain, int[] perm) {
        int n = layout.size();
        byte[] base = new byte[n];
        byte[] baseOut = new byte[n];
        model.permute(base, domain, perm, baseOut);
        int[] d = new int[n];
        Arrays.fill(d, -1);
        byte[][] val = new byte[n][];
        boolean[] taken = new boolean[n];
        byte[] s = new byte[n];
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int card = layout.cardinality(i);
            if (card < 2) {
                continue;
            }
            System.arraycopy(base, 0, s, 0, n);
            s[i] = 1;
            model.permute(s, domain, perm, out);
            int j = -1;
            for (int k = 0; k < n; k++) {
                if (out[k] != baseOut[k]) {
                    if (j >= 0) {
                        throw new IllegalStateException("Model.permute is not a renaming of slots: slot " + i
                                + " changes " + j + " and " + k);
                    }
                    j = k;
                }
            }
            if (j < 0 || taken[j]) {
                throw new IllegalStateException("Model.permute is not a renaming of slots at slot " + i);
            }
            taken[j] = true;
            d[i] = j;
            byte[] values = new byte[256];
            boolean identity = true;
            for (int x = 0; x < 256; x++) {
                values[x] = (byte) x;
            }
            for (int v = 0; v < card; v++) {
                s[i] = (byte) v;
                model.permute(s, domain, perm, out);
                values[v] = out[j];
                identity &= out[j] == (byte) v;
            }
            val[i] = identity ? null : values;
        }
        // slots that hold one value only: any bijection among the free ones keeps them equal
        int free = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] < 0) {
                while (taken[free]) {
                    free++;
                }
                d[i] = free;
                taken[free] = true;
            }
        }
        return new Table(d, val);
    }

    private static List<Integer> domainsOrder(Model model) {
        List<Integer> out = new ArrayList<>();
        for (ModelInfo.Domain d : model.info().domains()) {
            out.add(d.index());
        }
        return out;
    }

    /** Checks the composed tables against {@code Model.permute} applied domain by domain, on random states. */
    private void verify(Model model, StateLayout layout, List<Integer> domains) {
        if (domains.isEmpty()) {
            return;
        }
        int[] sizes = model.domainSizes();
        SplittableRandom r = new SplittableRandom(42);
        byte[] s = new byte[size];
        byte[] viaTable = new byte[size];
        byte[] a = new byte[size];
        byte[] b = new byte[size];
        // enumerate the group in the order of(): the product of each domain's permutations, last domain fastest
        List<List<int[]>> perDomain = new ArrayList<>();
        for (int d : domains) {
            perDomain.add(sizes[d] >= 2 ? permutations(sizes[d]) : List.of());
        }
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < size; i++) {
                s[i] = (byte) r.nextInt(Math.max(1, layout.cardinality(i)));
            }
            int g = round * 7919 % src.length;
            int[] choice = new int[domains.size()];
            int rest = g;
            for (int k = domains.size() - 1; k >= 0; k--) {
                int c = perDomain.get(k).size();
                if (c > 0) {
                    choice[k] = rest % c;
                    rest /= c;
                }
            }
            apply(g, s, viaTable);
            System.arraycopy(s, 0, a, 0, size);
            for (int k = 0; k < domains.size(); k++) {
                if (perDomain.get(k).isEmpty()) {
                    continue;
                }
                model.permute(a, domains.get(k), perDomain.get(k).get(choice[k]), b);
                System.arraycopy(b, 0, a, 0, size);
            }
            if (!Arrays.equals(a, viaTable)) {
                throw new IllegalStateException("symmetry tables disagree with Model.permute");
            }
        }
    }

    static List<int[]> permutations(int k) {
        List<int[]> out = new ArrayList<>();
        permute(new int[k], new boolean[k], 0, out);
        return out;
    }

    private static void permute(int[] p, boolean[] used, int at, List<int[]> out) {
        if (at == p.length) {
            out.add(p.clone());
            return;
        }
        for (int v = 0; v < p.length; v++) {
            if (!used[v]) {
                used[v] = true;
                p[at] = v;
                permute(p, used, at + 1, out);
                used[v] = false;
            }
        }
    }

    private static long factorial(int k) {
        long f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }
}
