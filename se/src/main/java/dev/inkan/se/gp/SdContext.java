package dev.inkan.se.gp;

import dev.inkan.se.scp03.CardSession;
import dev.inkan.se.scp03.SecurityLevel;

/** What a security domain command handler works with: the SD, its session on this channel, the OPEN. */
record SdContext(GlobalPlatform gp, RegistryEntry sd, CardSession session) {
    boolean isIsd() {
        return gp.registry().isIsd(sd.aid());
    }

    boolean authenticated() {
        return (session.securityLevel() & SecurityLevel.AUTHENTICATED) != 0;
    }

    /** Throws 6982 unless a secure channel session is authenticated (GP 2.3 chapter 10). */
    void requireAuthenticated() {
        if (!authenticated()) {
            GlobalPlatform.fail(dev.inkan.se.apdu.Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
    }
}
