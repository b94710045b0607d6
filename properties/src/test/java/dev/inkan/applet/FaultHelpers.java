package dev.inkan.applet;

import javacard.framework.OwnerPIN;

/**
 * Test-only code a deliberately faulty applet variant calls instead of the production call
 * (see {@code dev.inkan.properties.adapter.jcardsim.AppletFault}); never referenced by the
 * production applet. In this package so the variant's class loader defines it with the applet.
 */
public final class FaultHelpers {
    private FaultHelpers() {
    }

    /** OwnerPIN.check, but a wrong entry costs no try (the counter comes back to its limit). */
    public static boolean checkWithoutCost(OwnerPIN pin, byte[] buf, short off, byte len) {
        boolean ok = pin.check(buf, off, len);
        if (!ok && pin.getTriesRemaining() > 0) {
            pin.resetAndUnblock();
        }
        return ok;
    }
}
