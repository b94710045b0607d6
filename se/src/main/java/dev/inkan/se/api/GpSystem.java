package dev.inkan.se.api;

import dev.inkan.se.gp.GlobalPlatform;
import dev.inkan.se.gp.LifeCycle;
import dev.inkan.se.gp.RegistryEntry;
import dev.inkan.se.util.Aid;

/**
 * What applets ask the platform (after org.globalplatform.GPSystem): their security domain's
 * secure channel and life cycle states. Java Card types only; call from {@code process()},
 * {@code select()} or {@code processData()}.
 */
public final class GpSystem {
    /** Card life cycle states (GP 2.3 section 11.1.1). */
    public static final byte CARD_OP_READY = 0x01;
    public static final byte CARD_INITIALIZED = 0x07;
    public static final byte CARD_SECURED = 0x0F;
    public static final byte CARD_LOCKED = 0x7F;
    public static final byte CARD_TERMINATED = (byte) 0xFF;
    /** Application life cycle states (GP 2.3 section 11.1.1). */
    public static final byte APPLICATION_INSTALLED = 0x03;
    public static final byte APPLICATION_SELECTABLE = 0x07;
    public static final byte APPLICATION_LOCKED = (byte) 0x80;

    private GpSystem() {
    }

    /**
     * The secure channel of the calling applet's security domain on the current logical channel.
     * The object resolves the session at each call, so keeping it in a field is harmless.
     */
    public static SecureChannel getSecureChannel() {
        Aid me = GlobalPlatform.current().runtime().currentApplet();
        return new AppletSecureChannel(me.bytes());
    }

    /** The card life cycle state. */
    public static byte getCardState() {
        return (byte) GlobalPlatform.current().registry().cardLifeCycle();
    }

    /** The life cycle state of the calling applet. */
    public static byte getCardContentState() {
        GlobalPlatform gp = GlobalPlatform.current();
        return (byte) gp.registry().get(gp.runtime().currentApplet()).lifeCycle();
    }

    /**
     * Moves the calling application to an application-specific state (GP 2.3 section 5.3:
     * '07' to '7F' with b1-b3 set). Security domains and locked applications cannot. Returns
     * false when the state is refused.
     */
    public static boolean setCardContentState(byte state) {
        GlobalPlatform gp = GlobalPlatform.current();
        RegistryEntry me = gp.registry().get(gp.runtime().currentApplet());
        int s = state & 0xFF;
        if (me == null || me.isSecurityDomain() || (s & 0x80) != 0 || (s & 0x07) != 0x07
                || LifeCycle.isLocked(me.lifeCycle()) || !LifeCycle.isSelectable(me.lifeCycle())) {
            return false;
        }
        gp.setLifeCycle(me, s);
        return true;
    }
}
