package dev.inkan.properties.explore;

import java.util.Arrays;

/**
 * The states found so far, packed into longs and numbered in the order they were added (so
 * breadth first, ids grow with depth), with the id of the state each was first reached from.
 * Open addressing with linear probing over an int table; no object per state.
 */
final class StateSet {
    private final int words;
    private long[] arena;
    private int[] parent;
    private int[] table;
    private int mask;
    private int count;

    StateSet(int words, int expected) {
        this.words = words;
        int cap = Math.max(1024, Integer.highestOneBit(Math.max(1, expected)) << 1);
        arena = new long[Math.max(1024, expected) * words];
        parent = new int[Math.max(1024, expected)];
        table = new int[cap * 2];
        mask = table.length - 1;
    }

    int size() {
        return count;
    }

    int parent(int id) {
        return parent[id];
    }

    void get(int id, long[] out) {
        System.arraycopy(arena, id * words, out, 0, words);
    }

    long[] arena() {
        return arena;
    }

    int offset(int id) {
        return id * words;
    }

    /** The id of the state, adding it when new: a new id is returned as is, an existing one as {@code -id - 1}. */
    int add(long[] packed, int parentId) {
        int h = hash(packed) & mask;
        while (true) {
            int slot = table[h];
            if (slot == 0) {
                break;
            }
            int id = slot - 1;
            if (equalsAt(id, packed)) {
                return -id - 1;
            }
            h = (h + 1) & mask;
        }
        int id = count++;
        if ((long) count * words > arena.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(arena.length / words * 3L / 2, count + 1024L));
            arena = Arrays.copyOf(arena, cap * words);
            parent = Arrays.copyOf(parent, cap);
        }
        System.arraycopy(packed, 0, arena, id * words, words);
        parent[id] = parentId;
        table[h] = id + 1;
        if (count * 2L > table.length) {
            grow();
        }
        return id;
    }

    /** The id of the state, or -1. */
    int find(long[] packed) {
        int h = hash(packed) & mask;
        while (true) {
            int slot = table[h];
            if (slot == 0) {
                return -1;
            }
            if (equalsAt(slot - 1, packed)) {
                return slot - 1;
            }
            h = (h + 1) & mask;
        }
    }

    private boolean equalsAt(int id, long[] packed) {
        int o = id * words;
        for (int w = 0; w < words; w++) {
            if (arena[o + w] != packed[w]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        if (table.length >= (1 << 30)) {
            throw new IllegalStateException("too many states for one table");
        }
        int[] t = new int[table.length * 2];
        int m = t.length - 1;
        for (int id = 0; id < count; id++) {
            int h = hashAt(id) & m;
            while (t[h] != 0) {
                h = (h + 1) & m;
            }
            t[h] = id + 1;
        }
        table = t;
        mask = m;
    }

    private int hash(long[] packed) {
        long h = 0x9E3779B97F4A7C15L;
        for (int w = 0; w < words; w++) {
            h = (h ^ packed[w]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }

    private int hashAt(int id) {
        int o = id * words;
        long h = 0x9E3779B97F4A7C15L;
        for (int w = 0; w < words; w++) {
            h = (h ^ arena[o + w]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }
}
