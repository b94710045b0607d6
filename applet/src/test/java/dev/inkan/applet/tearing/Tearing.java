package dev.inkan.applet.tearing;

import com.google.gson.JsonObject;
import dev.inkan.se.persist.ObjectGraphCodec;
import dev.inkan.se.runtime.GpRuntime;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javacard.framework.Applet;
import javacard.framework.JCSystem;

/**
 * Power loss in the middle of an applet command, for code loaded by {@link TearingClassLoader}.
 * Every persistent write and every platform call of the applet is a tear point; when the armed
 * point comes, the power goes: writes done so far stay (EEPROM), except those of an open
 * transaction, which roll back to the state at {@code beginTransaction} (Java Card 3.0.5 RE
 * section 7). jcardsim itself keeps no transaction journal, so this class keeps one: a snapshot
 * of the applet's object graph when the transaction begins. Platform calls (OwnerPIN.check,
 * KeyPair.genKeyPair, Util.arrayCopy ...) are atomic here, as the platform guarantees.
 */
public final class Tearing {
    /** Thrown at the armed point: the chip lost power. */
    public static final class PowerLoss extends Error {
        private static final long serialVersionUID = 1L;

        PowerLoss(int point) {
            super("power lost at tear point " + point, null, false, false);
        }
    }

    private static int armedAt = -1;
    private static int count;
    private static int depth;
    private static JsonObject journal;
    private static Applet journalOwner;
    private static final List<String> TRACE = new ArrayList<>();
    private static boolean tracing;

    private Tearing() {
    }

    /** Counts points from now, tearing at point {@code point} (1-based); 0 = only count. */
    public static void arm(int point) {
        armedAt = point;
        count = 0;
        depth = 0;
        journal = null;
        TRACE.clear();
        tracing = true;
    }

    /** Stops counting; returns the number of points passed since {@link #arm}. */
    public static int disarm() {
        tracing = false;
        armedAt = -1;
        return count;
    }

    /** What each point was, in order, of the last armed run (for naming the points in failures). */
    public static List<String> trace() {
        return List.copyOf(TRACE);
    }

    // ---------------------------------------------------------------- called by instrumented code

    /** A tear point before {@code what}. */
    public static void point(String what) {
        if (!tracing) {
            return;
        }
        count++;
        TRACE.add(what);
        if (count == armedAt) {
            tracing = false;
            if (depth > 0) {
                rollBack();
            }
            depth = 0;
            throw new PowerLoss(count);
        }
    }

    public static void beginTransaction() {
        point("JCSystem.beginTransaction");
        if (tracing) {
            journalOwner = currentApplet();
            journal = ObjectGraphCodec.encode(journalOwner);
            depth = 1;
        }
        JCSystem.beginTransaction();
    }

    public static void commitTransaction() {
        point("JCSystem.commitTransaction");
        depth = 0;
        journal = null;
        JCSystem.commitTransaction();
    }

    public static void abortTransaction() {
        point("JCSystem.abortTransaction");
        if (depth > 0) {
            rollBack();
        }
        depth = 0;
        JCSystem.abortTransaction();
    }

    private static Applet currentApplet() {
        GpRuntime rt = GpRuntime.current();
        return rt.applet(rt.currentApplet());
    }

    /** Puts the applet's fields back as the journal has them. */
    private static void rollBack() {
        Object saved = ObjectGraphCodec.decode(journal, journalOwner.getClass().getClassLoader());
        for (Class<?> c = journalOwner.getClass(); c != Applet.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(journalOwner, f.get(saved));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot roll back " + f, e);
                }
            }
        }
        journal = null;
    }
}
