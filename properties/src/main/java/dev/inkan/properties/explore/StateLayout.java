package dev.inkan.properties.explore;

import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import dev.inkan.runtime.model.ValueType;
import java.util.List;

/**
 * The state vector's slots with their bit widths, and the packing of a state into longs: each
 * slot takes as many bits as its values need (a machine with 5 states: 3 bits; a bool: 1; a
 * domain value of a size-2 domain: 1), slots never straddle two longs.
 *
 * <p>The layout is the one {@code GeneratedModel} documents: machines, then monitors; per
 * instance its state followed by its variables, one byte each, ints minus their low bound,
 * optional values plus one.
 */
public final class StateLayout {
    private final int size;
    private final int[] cardinality;
    private final int[] word;
    private final int[] shift;
    private final long[] mask;
    private final int words;
    /** Slots [wordEnd[w-1], wordEnd[w]) live in word w. */
    private final int[] wordEnd;
    private final int[] machineBase;
    private final int[] machineStride;
    private final int[] monitorBase;
    private final int[] monitorStride;
    /** The slot holding bit b of word w, at [w * 64 + b] (-1 for unused bits). */
    private final int[] slotOfBit;

    private StateLayout(Model model) {
        ModelInfo info = model.info();
        int[] sizes = model.domainSizes();
        int n = model.stateSize();
        cardinality = new int[n];
        machineBase = new int[info.machines().size()];
        machineStride = new int[info.machines().size()];
        monitorBase = new int[info.monitors().size()];
        monitorStride = new int[info.monitors().size()];
        int at = 0;
        for (ModelInfo.Machine m : info.machines()) {
            machineBase[m.index()] = at;
            machineStride[m.index()] = 1 + m.vars().size();
            at = block(at, model.instanceCount(m.index()), m.states().size(), m.vars(), sizes, n);
        }
        for (ModelInfo.Monitor m : info.monitors()) {
            monitorBase[m.index()] = at;
            monitorStride[m.index()] = 1 + m.vars().size();
            at = block(at, model.monitorInstanceCount(m.index()), m.states().size(), m.vars(), sizes, n);
        }
        if (at != n) {
            throw new IllegalStateException("the model's state has " + n + " slots, its ModelInfo describes " + at);
        }
        size = n;
        word = new int[n];
        shift = new int[n];
        mask = new long[n];
        int w = 0;
        int bit = 0;
        for (int i = 0; i < n; i++) {
            int bits = bits(cardinality[i]);
            if (bit + bits > 64) {
                w++;
                bit = 0;
            }
            word[i] = w;
            shift[i] = bit;
            mask[i] = bits == 0 ? 0 : (-1L >>> (64 - bits));
            bit += bits;
        }
        words = Math.max(1, bit == 0 ? w : w + 1);
        wordEnd = new int[words];
        for (int i = 0; i < n; i++) {
            wordEnd[word[i]] = i + 1;
        }
        for (int x = 1; x < words; x++) {
            wordEnd[x] = Math.max(wordEnd[x], wordEnd[x - 1]);
        }
        wordEnd[words - 1] = n;
        slotOfBit = new int[words * 64];
        java.util.Arrays.fill(slotOfBit, -1);
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < bits(cardinality[i]); b++) {
                slotOfBit[word[i] * 64 + shift[i] + b] = i;
            }
        }
    }

    private int block(int at, int count, int states, List<ModelInfo.Param> vars, int[] sizes, int n) {
        for (int i = 0; i < count; i++) {
            if (at + 1 + vars.size() > n) {
                throw new IllegalStateException("the model's state is shorter than its ModelInfo describes");
            }
            cardinality[at++] = states;
            for (ModelInfo.Param v : vars) {
                cardinality[at++] = raw(v.type(), sizes);
            }
        }
        return at;
    }

    /** How many raw values a variable's slot holds. */
    private static int raw(ValueType t, int[] sizes) {
        return t.cardinality(sizes);
    }

    static int bits(int cardinality) {
        return cardinality <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(cardinality - 1);
    }

    public static StateLayout of(Model model) {
        return new StateLayout(model);
    }

    /** Slots in the state vector. */
    public int size() {
        return size;
    }

    /** Longs per packed state. */
    public int words() {
        return words;
    }

    /** Values a slot can hold (0 .. cardinality-1). */
    public int cardinality(int slot) {
        return cardinality[slot];
    }

    public int machineSlot(int machine, int instance) {
        return machineBase[machine] + instance * machineStride[machine];
    }

    public int monitorSlot(int monitor, int instance) {
        return monitorBase[monitor] + instance * monitorStride[monitor];
    }

    public void pack(byte[] state, long[] out) {
        pack(state, out, 0);
    }

    public void pack(byte[] state, long[] out, int offset) {
        // slots fill the words in order: accumulate each word in a register
        int i = 0;
        for (int w = 0; w < words; w++) {
            long acc = 0;
            int end = wordEnd[w];
            for (; i < end; i++) {
                acc |= (long) (state[i] & 0xFF) << shift[i];
            }
            out[offset + w] = acc;
        }
    }

    /**
     * Packs a renaming of a state without writing it out: slot i of the renamed state is
     * {@code in[src[i]]}, mapped by {@code map[i]} unless that is null.
     */
    void packRenamed(int[] src, byte[][] map, byte[] in, long[] out, int offset) {
        int i = 0;
        for (int w = 0; w < words; w++) {
            long acc = 0;
            int end = wordEnd[w];
            for (; i < end; i++) {
                byte[] m = map[i];
                int v = m == null ? in[src[i]] & 0xFF : m[in[src[i]] & 0xFF] & 0xFF;
                acc |= (long) v << shift[i];
            }
            out[offset + w] = acc;
        }
    }

    /**
     * Whether the packed state at {@code a[ao..]} comes before the one at {@code b[bo..]} slot by
     * slot (as their unpacked forms compare): the first differing bit lies in the first differing
     * slot, since slots fill the words in order from the low bits.
     */
    boolean less(long[] a, int ao, long[] b, int bo) {
        for (int w = 0; w < words; w++) {
            long x = a[ao + w] ^ b[bo + w];
            if (x != 0) {
                int slot = slotOfBit[(w << 6) + Long.numberOfTrailingZeros(x)];
                return ((a[ao + w] >>> shift[slot]) & mask[slot]) < ((b[bo + w] >>> shift[slot]) & mask[slot]);
            }
        }
        return false;
    }

    /** Sets one slot of the packed state at {@code out[offset..]} to a raw value. */
    void set(long[] out, int offset, int slot, int value) {
        int at = offset + word[slot];
        out[at] = (out[at] & ~(mask[slot] << shift[slot])) | ((long) value << shift[slot]);
    }

    /**
     * Packs a state that differs from a packed one only in the given slots: copies the packed
     * words and rewrites those slots' bits.
     */
    public void repack(long[] packed, byte[] state, int[] changed, int nChanged, long[] out, int offset) {
        System.arraycopy(packed, 0, out, offset, words);
        for (int c = 0; c < nChanged; c++) {
            int i = changed[c];
            int at = offset + word[i];
            out[at] = (out[at] & ~(mask[i] << shift[i])) | ((long) (state[i] & 0xFF) << shift[i]);
        }
    }

    public void unpack(long[] in, int offset, byte[] out) {
        int i = 0;
        for (int w = 0; w < words; w++) {
            long v = in[offset + w];
            int end = wordEnd[w];
            for (; i < end; i++) {
                out[i] = (byte) ((v >>> shift[i]) & mask[i]);
            }
        }
    }
}
