package dev.inkan.se.gp;

import dev.inkan.se.util.Aid;
import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISOException;
import javacard.framework.MultiSelectable;

/**
 * The applet class of every security domain, ISD and APSDs alike (GP Card Spec 2.3 chapter 7).
 * It holds no state of its own: keys and data live in the registry's {@link SdData}, sessions in
 * the OPEN; commands go to {@link SdDispatcher}. Multi-selectable so the ISD can be the default
 * applet of several logical channels.
 */
public class SecurityDomainApplet extends Applet implements MultiSelectable {
    protected SecurityDomainApplet() {
    }

    /** JC install entry point: bArray holds AID, privileges and parameters (GP 2.3 section 11.5, JC Applet.install). */
    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new SecurityDomainApplet().register(bArray, (short) (bOffset + 1), bArray[bOffset]);
    }

    @Override
    public boolean select(boolean appInstAlreadyActive) {
        return true;
    }

    @Override
    public void deselect(boolean appInstStillActive) {
        // the OPEN ends the secure channel session of the channel (RuntimePolicy.deselected)
    }

    @Override
    public void process(APDU apdu) throws ISOException {
        GlobalPlatform gp = GlobalPlatform.current();
        Aid self = gp.runtime().currentApplet();
        SdDispatcher.process(gp, gp.registry().get(self), apdu, selectingApplet());
    }
}
