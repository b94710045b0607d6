package dev.inkan.se.runtime;

import com.licel.jcardsim.base.TransientMemory;
import dev.inkan.se.util.Aid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javacard.framework.JCSystem;

/**
 * jcardsim's transient memory, extended with the owning applet context of each transient array so
 * CLEAR_ON_DESELECT arrays are cleared only when their owner is deselected everywhere (JCRE 3.0.5
 * section 6.1.5), not whenever any applet on any channel is deselected.
 */
final class OwnedTransientMemory extends TransientMemory {
    private record Owner(Aid aid, byte event) {
    }

    private final Map<Object, Owner> owners = new IdentityHashMap<>();
    private Supplier<Aid> context = () -> null;

    void setContext(Supplier<Aid> context) {
        this.context = context;
    }

    @Override
    public boolean[] makeBooleanArray(short length, byte event) {
        return record(super.makeBooleanArray(length, event), event);
    }

    @Override
    public byte[] makeByteArray(int length, byte event) {
        return record(super.makeByteArray(length, event), event);
    }

    @Override
    public short[] makeShortArray(short length, byte event) {
        return record(super.makeShortArray(length, event), event);
    }

    @Override
    public Object[] makeObjectArray(short length, byte event) {
        return record(super.makeObjectArray(length, event), event);
    }

    private <T> T record(T array, byte event) {
        owners.put(array, new Owner(context.get(), event));
        return array;
    }

    @Override
    public byte isTransient(Object obj) {
        Owner o = owners.get(obj);
        return o == null ? super.isTransient(obj) : o.event();
    }

    /** jcardsim's own deselect clears everything; ours goes through {@link #clearOnDeselect(Aid)}. */
    @Override
    protected void clearOnDeselect() {
        // intentionally empty
    }

    /** Zeroes the CLEAR_ON_DESELECT arrays owned by {@code owner}. */
    void clearOnDeselect(Aid owner) {
        for (Map.Entry<Object, Owner> e : owners.entrySet()) {
            if (e.getValue().event() == JCSystem.CLEAR_ON_DESELECT && owner.equals(e.getValue().aid())) {
                zeroArray(e.getKey());
            }
        }
    }

    /** Power loss: every transient array is zeroed. */
    void clearAll() {
        clearOnReset();
        for (Object array : owners.keySet()) {
            zeroArray(array);
        }
    }

    /** Forgets the arrays of a deleted applet. */
    void forget(Aid owner) {
        List<Object> gone = new ArrayList<>();
        for (Map.Entry<Object, Owner> e : owners.entrySet()) {
            if (owner.equals(e.getValue().aid())) {
                gone.add(e.getKey());
            }
        }
        for (Object g : gone) {
            owners.remove(g);
        }
    }

    private static void zeroArray(Object a) {
        if (a instanceof byte[] b) {
            Arrays.fill(b, (byte) 0);
        } else if (a instanceof short[] s) {
            Arrays.fill(s, (short) 0);
        } else if (a instanceof boolean[] z) {
            Arrays.fill(z, false);
        } else if (a instanceof Object[] o) {
            Arrays.fill(o, null);
        }
    }
}
