package dev.inkan.se.gp;

import dev.inkan.se.apdu.Ins;

/**
 * Called only from the SE classes {@code dev.inkan.properties.adapter.jcardsim.SeFault} mutates
 * (defined with them by its test class loader, so package access holds); production code never
 * sees it.
 */
public final class SeFaultHelpers {
    private SeFaultHelpers() {
    }

    /**
     * Fault CONTENT_MANAGEMENT_WITHOUT_SCP03: whether the command a security domain processes is
     * card content management (INSTALL, DELETE, PUT KEY, SET STATUS, STORE DATA), which then
     * passes {@code SdContext.requireAuthenticated} without a session. GET STATUS keeps its check.
     */
    static boolean contentManagement(SdContext ctx) {
        byte[] raw = ctx.gp().runtime().currentCommand();
        if (raw == null || raw.length < 2) {
            return false;
        }
        byte ins = raw[1];
        return ins == Ins.INSTALL || ins == Ins.DELETE || ins == Ins.PUT_KEY || ins == Ins.SET_STATUS
                || ins == Ins.STORE_DATA;
    }
}
