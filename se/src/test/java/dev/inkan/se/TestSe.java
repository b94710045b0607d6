package dev.inkan.se;

import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.util.Aid;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Shared helpers of the SE tests. */
public final class TestSe {
    /** The default ISD key set (KVN 30, GP test key). */
    public static final StaticKeys ISD_KEYS = StaticKeys.of(0x30, Defaults.TEST_KEY, Defaults.TEST_KEY, Defaults.TEST_KEY);
    public static final Aid ISD = Aid.of(Defaults.ISD_AID);
    public static final Aid ARA = Aid.of(Defaults.ARA_AID);
    public static final Aid FELICA = Aid.of(Defaults.FELICA_AID);

    private TestSe() {
    }

    public static SecureElement start() {
        return start(new SeConfig());
    }

    public static SecureElement start(SeConfig config) {
        try {
            return SecureElement.start(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Selects {@code aid} on the basic channel and opens a secure channel at {@code level}. */
    public static SecureChannelTransport open(SecureElement se, Aid aid, StaticKeys keys, int level) {
        try {
            Sw.check(se.transmit(GpCommands.select(aid)));
            return Scp03Host.open(se.contact(), keys, Scp03Host.Options.level(level).verifyingChallengeFor(
                    domainOf(se, aid).bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Aid domainOf(SecureElement se, Aid aid) {
        return se.platform().domainOf(aid);
    }

    /** A snapshot with sequence counters blanked (INITIALIZE UPDATE legitimately advances them). */
    public static String withoutCounters(String snapshot) {
        return snapshot.replaceAll("\"sequenceCounter\":\\d+", "\"sequenceCounter\":_");
    }

    /** Sends and checks 9000, returning the data. */
    public static byte[] ok(dev.inkan.se.transport.Transport t, byte[] command) {
        try {
            return Sw.check(t.transmit(command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends and returns the status word. */
    public static int sw(dev.inkan.se.transport.Transport t, byte[] command) {
        try {
            return Sw.of(t.transmit(command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
