package dev.inkan.properties.explore;

import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

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

    private Symmetry(int size, int[][] src, byte[][][] map) {
        this.size = size;
        this.src = src;
        this.map = map;
        this.dst = new int[src.length][];
        for (int g = 0; g < src.length; g++) {
            dst[g] = new int[size];
            for (int j = 0; j < size; j++) {
                dst[g][src[g][j]] = j;
            }
        }
    }

    /** No reduction: the group holds the identity only. */
    public static Symmetry none(StateLayout layout) {
        int[] id = new int[layout.size()];
        Arrays.setAll(id, i -> i);
        return new Symmetry(layout.size(), new int[][] {id}, new byte[][][] {new byte[layout.size()][]});
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
        for (int g = 0; g < group.size(); g++) {
            Table t = group.get(g);
            src[g] = new int[n];
            map[g] = new byte[n][];
            for (int i = 0; i < n; i++) {
                src[g][t.dst[i]] = i;
                map[g][t.dst[i]] = t.isIdentityValues(i) ? null : t.val[i];
            }
        }
        Symmetry s = new Symmetry(n, src, map);
        s.verify(model, layout, group.size() > 1 ? domainsOrder(model) : List.of());
        return s;
    }

    public int groupSize() {
        return src.length;
    }

    /**
     * Writes the canonical form of {@code in} into {@code out} and returns the group element
     * that produced it (0 is the identity): {@code out = g(in)}.
     */
    public int canonicalize(byte[] in, byte[] out) {
        System.arraycopy(in, 0, out, 0, size);
        int best = 0;
        for (int g = 1; g < src.length; g++) {
            int[] s = src[g];
            byte[][] m = map[g];
            for (int j = 0; j < size; j++) {
                byte[] mj = m[j];
                int v = mj == null ? in[s[j]] & 0xFF : mj[in[s[j]] & 0xFF] & 0xFF;
                int b = out[j] & 0xFF;
                if (v != b) {
                    if (v < b) {
                        out[j] = (byte) v;
                        for (int k = j + 1; k < size; k++) {
                            byte[] mk = m[k];
                            out[k] = mk == null ? in[s[k]] : mk[in[s[k]] & 0xFF];
                        }
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
