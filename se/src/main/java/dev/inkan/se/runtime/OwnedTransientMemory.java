package dev.inkan.se.runtime;

import com.licel.jcardsim.base.TransientMemory;
import dev.inkan.se.util.Aid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import javacard.framework.JCSystem;
import javacard.framework.SystemException;

/**
 * jcardsim's transient memory, replaced by one that knows the owning applet context of every
 * transient array, so CLEAR_ON_DESELECT arrays are cleared only when their owner is deselected
 * everywhere (JCRE 3.0.5 chapter 6, transient objects), and that holds the arrays weakly: jcardsim allocates a
 * transient array at every key use (SymmetricKeyImpl.getParameters), which with its strong lists
 * would grow without bound in a long-running SE. (Arrays compare by identity, so a WeakHashMap
 * keyed by them is an identity map.)
 */
final class OwnedTransientMemory extends TransientMemory {
    private record Owner(Aid aid, byte event) {
    }

    private final Map<Object, Owner> owners = new WeakHashMap<>();
    private Supplier<Aid> context = () -> null;
    private int platformScratch;

    void setContext(Supplier<Aid> context) {
        this.context = context;
    }

    @Override
    protected void storeArray(Object array, byte event) {
        if (event != JCSystem.CLEAR_ON_RESET && event != JCSystem.CLEAR_ON_DESELECT) {
            SystemException.throwIt(SystemException.ILLEGAL_VALUE);
        }
        if (platformScratch > 0 || fromJcardsimCrypto()) {
            // scratch of jcardsim's crypto (key copies for BouncyCastle, IVs) made at every
            // operation: plain garbage, not applet memory
            return;
        }
        owners.put(array, new Owner(context.get(), event));
    }

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** True when the code asking JCSystem for the array is jcardsim's own crypto implementation. */
    private static boolean fromJcardsimCrypto() {
        return WALKER.walk(frames -> frames
                .dropWhile(f -> !"javacard.framework.JCSystem".equals(f.getClassName()))
                .skip(1)
                .findFirst()
                .map(f -> f.getClassName().startsWith("com.licel.jcardsim.crypto."))
                .orElse(false));
    }

    @Override
    public byte isTransient(Object obj) {
        Owner o = obj == null ? null : owners.get(obj);
        return o == null ? JCSystem.NOT_A_TRANSIENT_OBJECT : o.event();
    }

    /** Deselect clearing is per owner: see {@link #clearOnDeselect(Aid)}. */
    @Override
    protected void clearOnDeselect() {
        // intentionally empty
    }

    @Override
    protected void clearOnReset() {
        for (Map.Entry<Object, Owner> e : owners.entrySet()) {
            if (e.getValue().event() == JCSystem.CLEAR_ON_RESET) {
                zeroArray(e.getKey());
            }
        }
    }

    @Override
    protected void forgetBuffers() {
        owners.clear();
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

    /** Platform crypto (SCP03) is running: jcardsim's scratch arrays need no stack inspection. */
    void platformScratch(boolean on) {
        platformScratch += on ? 1 : -1;
    }

    /** Number of live transient arrays (tests watch it for leaks). */
    int size() {
        return owners.size();
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
