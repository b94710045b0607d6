package dev.inkan.se.scp03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.util.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Secure channel attacks and mistakes against the ISD: each gets the right status word, closes
 * the session, and leaves registry, keys, counters and applet data exactly as they were.
 */
class NegativeSessionTest {
    private static final byte[] HOST_CHALLENGE = Hex.decode("0102030405060708");
    private static final byte[] SET_IIN = GpCommands.storeData(0x90, 0, Hex.decode("4203123456"));

    private static SecureElement start() {
        SecureElement se = TestSe.start();
        TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
        return se;
    }

    /** INITIALIZE UPDATE by hand; returns the host's view of the handshake. */
    private static Scp03Host.Handshake initializeUpdate(SecureElement se) {
        byte[] r = TestSe.ok(se.contact(), Scp03Host.initializeUpdate(0, 0x30, HOST_CHALLENGE));
        return Scp03Host.handshake(TestSe.ISD_KEYS, HOST_CHALLENGE, InitializeUpdateResponse.parse(r));
    }

    private static void assertSessionClosed(SecureElement se) {
        assertEquals(CardSession.NONE, se.platform().session(TestSe.ISD).state());
    }

    @Test
    void wrongHostCryptogram() {
        try (SecureElement se = start()) {
            Scp03Host.Handshake h = initializeUpdate(se);
            String before = se.snapshot();
            byte[] bad = h.hostCryptogram();
            bad[3] ^= 0x10;
            byte[] ea = h.wrapper().externalAuthenticate(0, 0x33, bad);
            assertEquals(Sw.AUTHENTICATION_FAILED, Sw.of(se.transmit(ea)));
            assertSessionClosed(se);
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(h.wrapper().wrap(SET_IIN))));
            assertEquals(before, se.snapshot());
        }
    }

    @Test
    void flippedMacBitInExternalAuthenticate() {
        try (SecureElement se = start()) {
            Scp03Host.Handshake h = initializeUpdate(se);
            String before = se.snapshot();
            byte[] ea = h.wrapper().externalAuthenticate(0, 0x33, h.hostCryptogram());
            ea[ea.length - 1] ^= 0x01;
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(ea)));
            assertSessionClosed(se);
            assertEquals(before, se.snapshot());
        }
    }

    @Test
    void flippedMacBitInAWrappedCommand() throws Exception {
        try (SecureElement se = start()) {
            SecureChannelTransport sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
            String before = se.snapshot();
            byte[] wrapped = sc.wrapper().wrap(SET_IIN);
            wrapped[wrapped.length - 3] ^= 0x04;
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(wrapped)));
            assertSessionClosed(se);
            // even a correctly wrapped command is refused now: the session is gone
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, TestSe.sw(sc, SET_IIN));
            assertEquals(before, se.snapshot());
        }
    }

    @Test
    void flippedCiphertextBitIsCaughtByTheMac() throws Exception {
        try (SecureElement se = start()) {
            SecureChannelTransport sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
            String before = se.snapshot();
            byte[] wrapped = sc.wrapper().wrap(SET_IIN);
            wrapped[6] ^= 0x40;
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(wrapped)));
            assertSessionClosed(se);
            assertEquals(before, se.snapshot());
        }
    }

    @Test
    void replayedCommandInTheSameSession() throws Exception {
        try (SecureElement se = start()) {
            SecureChannelTransport sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
            byte[] wrapped = sc.wrapper().wrap(SET_IIN);
            assertEquals(Sw.OK, Sw.of(sc.wrapper().unwrap(se.transmit(wrapped))));
            String after = se.snapshot();
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(wrapped)));
            assertSessionClosed(se);
            assertEquals(after, se.snapshot());
        }
    }

    @Test
    void replayedSessionTranscript() {
        try (SecureElement se = start()) {
            Scp03Host.Handshake h = initializeUpdate(se);
            byte[] ea = h.wrapper().externalAuthenticate(0, 0x33, h.hostCryptogram());
            assertEquals(Sw.OK, Sw.of(se.transmit(ea)));
            byte[] wrapped = h.wrapper().wrap(SET_IIN);
            assertEquals(Sw.OK, Sw.of(h.wrapper().unwrap(se.transmit(wrapped))));
            // an eavesdropper replays the whole session: the card's new challenge defeats it
            TestSe.ok(se.contact(), Scp03Host.initializeUpdate(0, 0x30, HOST_CHALLENGE));
            String before = se.snapshot();
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(ea)));
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(wrapped)));
            assertSessionClosed(se);
            assertEquals(before, se.snapshot());
        }
    }

    @Test
    void commandsBeforeExternalAuthenticate() {
        try (SecureElement se = start()) {
            String before = se.snapshot();
            // no session at all
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(SET_IIN)));
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(
                    GpCommands.installForInstall(TestSe.ARA, TestSe.ARA, TestSe.ARA, 0, new byte[0], true))));
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED, Sw.of(se.transmit(Hex.decode("848233001000000000000000000000000000000000"))));
            assertEquals(before, se.snapshot());
            // after INITIALIZE UPDATE, before EXTERNAL AUTHENTICATE
            Scp03Host.Handshake h = initializeUpdate(se);
            String afterIu = se.snapshot();
            h.wrapper().externalAuthenticate(0, 0x33, h.hostCryptogram()); // computed, never sent
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(h.wrapper().wrap(SET_IIN))));
            assertSessionClosed(se);
            initializeUpdate(se);
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(SET_IIN)));
            assertSessionClosed(se);
            assertEquals(Sw.of(se.transmit(Hex.decode("8482330010" + "00".repeat(16)))), Sw.CONDITIONS_NOT_SATISFIED);
            assertEquals(afterIu.replace("\"sequenceCounter\":1", "\"sequenceCounter\":2"), se.snapshot());
        }
    }

    @Test
    void weakerSecurityLevelThanRequired() throws Exception {
        SeConfig c = new SeConfig();
        c.isd.minimumSecurityLevel = "33";
        try (SecureElement se = TestSe.start(c)) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            for (int level : new int[] {0x00, 0x01, 0x03, 0x11, 0x13}) {
                Scp03Host.Handshake h = initializeUpdate(se);
                String before = se.snapshot();
                byte[] ea = h.wrapper().externalAuthenticate(0, level, h.hostCryptogram());
                assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(ea)), "level " + level);
                assertSessionClosed(se);
                assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, Sw.of(se.transmit(h.wrapper().wrap(SET_IIN))));
                assertEquals(before, se.snapshot());
            }
            SecureChannelTransport sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
            TestSe.ok(sc, SET_IIN);
        }
    }

    @Test
    void invalidSecurityLevelIsRefused() {
        try (SecureElement se = start()) {
            for (int level : new int[] {0x02, 0x10, 0x31, 0x23, 0xB3}) {
                Scp03Host.Handshake h = initializeUpdate(se);
                byte[] ea = Arrays.copyOf(h.wrapper().externalAuthenticate(0, 0x33, h.hostCryptogram()), 21);
                ea[2] = (byte) level;
                assertEquals(Sw.INCORRECT_P1P2, Sw.of(se.transmit(ea)), "level " + level);
                assertSessionClosed(se);
            }
        }
    }

    @Test
    void sequenceCounterAtMaximum() {
        SeConfig c = new SeConfig();
        c.isd.keySets.get(0).sequenceCounter = "FFFFFE";
        try (SecureElement se = TestSe.start(c)) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            byte[] r = TestSe.ok(se.contact(), Scp03Host.initializeUpdate(0, 0x30, HOST_CHALLENGE));
            assertEquals(0xFFFFFE, InitializeUpdateResponse.parse(r).sequenceCounter());
            String before = se.snapshot();
            assertEquals(Sw.CONDITIONS_NOT_SATISFIED,
                    Sw.of(se.transmit(Scp03Host.initializeUpdate(0, 0x30, HOST_CHALLENGE))));
            assertSessionClosed(se);
            assertEquals(before, se.snapshot());
            assertThrows(dev.inkan.se.apdu.StatusWordException.class,
                    () -> Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33)));
        }
    }

    @Test
    void unknownKeyVersion() {
        try (SecureElement se = start()) {
            String before = se.snapshot();
            assertEquals(Sw.REFERENCED_DATA_NOT_FOUND,
                    Sw.of(se.transmit(Scp03Host.initializeUpdate(0, 0x55, HOST_CHALLENGE))));
            assertSessionClosed(se);
            assertEquals(before, se.snapshot());
        }
    }

    @Test
    void wrongKeysGiveACardCryptogramTheHostRejects() {
        try (SecureElement se = start()) {
            StaticKeys wrong = StaticKeys.of(0x30, "00".repeat(16), "00".repeat(16), "00".repeat(16));
            assertThrows(SecurityException.class,
                    () -> Scp03Host.open(se.contact(), wrong, Scp03Host.Options.level(0x33)));
        }
    }

    @Test
    void responsesToErrorsCarryNoRmacAndTheSessionSurvivesPolicyErrors() throws Exception {
        try (SecureElement se = start()) {
            SecureChannelTransport sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
            byte[] raw = se.transmit(sc.wrapper().wrap(GpCommands.getStatus(0x40, Hex.decode("A0A0A0A0A0"), false)));
            assertEquals("6A88", Hex.encode(raw));
            // a refusal by policy is not a security error: the session stays
            TestSe.ok(sc, GpCommands.getData(0xCF));
        }
    }
}
