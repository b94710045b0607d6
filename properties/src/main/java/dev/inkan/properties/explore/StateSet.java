package dev.inkan.properties.explore;

import java.util.Arrays;

/**
 * The states found so far, packed into longs and numbered in the order they were added (so
 * breadth first, ids grow with depth), with the id of the state each was first reached from.
 * Open addressing with linear probing; each table entry holds the id and the packed state
 * itself, so a lookup reads one place in memory. The states are also kept in id order in an
 * arena, read sequentially as the search expands them. No object per state.
 */
final class StateSet {
    private final int words;
    private final int stride;
    private long[] arena;
    private int[] parent;
    private long[] table;
    private int mask;
    private int count;
    /** At most this many states will be added (the exploration's bound). */
    private final long limit;
    /**
     * From this many states on, the table and the arena grow straight to what {@link #limit}
     * needs when it is at most {@link #AHEAD} times as many, else by {@code AHEAD}: growing by
     * doubling rehashed every state again at each step, and at millions of states each step
     * stalled the search for seconds.
     */
    static final int LARGE = 1 << 19;
    private static final int AHEAD = 16;

    StateSet(int words, int expected, long limit) {
        this.words = words;
        this.stride = words + 1;
        this.limit = Math.max(1, Math.min(limit, (Integer.MAX_VALUE - 8L) / words));
        int cap = Math.max(1024, Math.min(expected, 1 << 16));
        arena = new long[cap * words];
        parent = new int[cap];
        int entries = Integer.highestOneBit(cap) * 4;
        table = new long[entries * stride];
        mask = entries - 1;
    }

    int size() {
        return count;
    }

    int parent(int id) {
        return parent[id];
    }

    long[] arena() {
        return arena;
    }

    int offset(int id) {
        return id * words;
    }

    /** The id of the state, adding it when new: a new id is returned as is, an existing one as {@code -id - 1}. */
    int add(long[] packed, int parentId) {
        return add(packed, 0, hash(packed, 0), parentId);
    }

    /**
     * Hashes {@code n} packed states lying one after the other in {@code states} into
     * {@code hashes}, and reads the table where each one goes: these loads do not depend on each
     * other, so the processor overlaps their cache misses, and the {@link #add} calls that follow
     * find the entries in cache.
     */
    long touch(long[] states, int n, int[] hashes) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int h = hash(states, i * words);
            hashes[i] = h;
            sum += table[(h & mask) * stride];
        }
        return sum;
    }

    /**
     * {@link #touch(long[], int, int[])} for states already hashed: {@code hashes[from..to)}, except
     * those whose {@code skip} entry is negative.
     */
    long touch(int[] hashes, int[] skip, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            if (skip[i] >= 0) {
                sum += table[(hashes[i] & mask) * stride];
            }
        }
        return sum;
    }

    /** {@link #add(long[], int)} for the state at {@code packed[at..]} with its hash. */
    int add(long[] packed, int at, int hash, int parentId) {
        int h = hash & mask;
        while (true) {
            int e = h * stride;
            long slot = table[e];
            if (slot == 0) {
                break;
            }
            if (same(table, e + 1, packed, at)) {
                return (int) -slot;
            }
            h = (h + 1) & mask;
        }
        int id = count++;
        if ((long) count * words > arena.length) {
            long wanted = count < LARGE ? arena.length / words * 2L : Math.min(limit, (long) count * AHEAD);
            int cap = (int) Math.min((Integer.MAX_VALUE - 8L) / words, Math.max(wanted, count + 1024L));
            arena = Arrays.copyOf(arena, cap * words);
            parent = Arrays.copyOf(parent, cap);
        }
        System.arraycopy(packed, at, arena, id * words, words);
        parent[id] = parentId;
        int e = h * stride;
        table[e] = id + 1L;
        System.arraycopy(packed, at, table, e + 1, words);
        if (count * 2L > mask + 1L) {
            grow();
        }
        return id;
    }

    /** The id of the state, or -1. */
    int find(long[] packed) {
        int h = hash(packed, 0) & mask;
        while (true) {
            int e = h * stride;
            long slot = table[e];
            if (slot == 0) {
                return -1;
            }
            if (same(table, e + 1, packed, 0)) {
                return (int) slot - 1;
            }
            h = (h + 1) & mask;
        }
    }

    private boolean same(long[] t, int at, long[] packed, int from) {
        for (int w = 0; w < words; w++) {
            if (t[at + w] != packed[from + w]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        long entries = (mask + 1L) * 2;
        if (count >= LARGE) {
            // at most half full once every state the bound allows (or AHEAD times as many) is in
            long states = Math.min(limit, (long) count * AHEAD);
            long fits = Long.highestOneBit((Integer.MAX_VALUE - 8L) / stride);
            entries = Math.max(entries, Math.min(fits, Long.highestOneBit(states * 2 - 1) * 2));
        }
        if (entries * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many states for one table");
        }
        long[] t = new long[(int) entries * stride];
        int m = (int) entries - 1;
        for (int id = 0; id < count; id++) {
            int h = hash(arena, id * words) & m;
            while (t[h * stride] != 0) {
                h = (h + 1) & m;
            }
            t[h * stride] = id + 1L;
            System.arraycopy(arena, id * words, t, h * stride + 1, words);
        }
        table = t;
        mask = m;
    }

    /** Hash of the words at {@code from[at..]}. */
    private int hash(long[] from, int at) {
        return hash(from, at, words);
    }

    /** Hash of the {@code words} longs at {@code from[at..]}: what {@link #add(long[], int, int, int)} expects. */
    static int hash(long[] from, int at, int words) {
        long h = 0x9E3779B97F4A7C15L;
        for (int w = 0; w < words; w++) {
            h = (h ^ from[at + w]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        h *= 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 32));
    }
}
