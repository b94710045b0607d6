package dev.inkan.applet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.util.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The card-compatible interface of DESIGN.md against an issued phone applet (REQ ACC-3, UX-1,
 * CRY-2, LIFE-12): what OpenSC's JPKI driver and other public readers send, byte for byte.
 */
class CardInterfaceTest {
    static final String AUTH_PIN = "1234";
    static final String SIGN_PASSWORD = "ABC123";
    static final byte[] SHA1_PREFIX = Hex.decode("3021300906052B0E03021A05000414");
    static final byte[] SHA256_PREFIX = Hex.decode("3031300D060960864801650304020105000420");
    static JpkiSe phone;

    @BeforeAll
    static void issue() {
        phone = JpkiSe.issued(AUTH_PIN, SIGN_PASSWORD);
    }

    @AfterAll
    static void close() {
        phone.close();
    }

    @BeforeEach
    void reselect() {
        phone.selectAp();
    }

    static byte[] digestInfo(byte[] prefix, String alg, byte[] message) throws Exception {
        byte[] h = MessageDigest.getInstance(alg).digest(message);
        byte[] out = Arrays.copyOf(prefix, prefix.length + h.length);
        System.arraycopy(h, 0, out, prefix.length, h.length);
        return out;
    }

    /** The expected EMSA-PKCS1-v1_5 block (RFC 8017 9.2): 00 01 FF..FF 00 T. */
    static byte[] type01(byte[] t) {
        byte[] em = new byte[256];
        Arrays.fill(em, (byte) 0xFF);
        em[0] = 0;
        em[1] = 1;
        em[256 - t.length - 1] = 0;
        System.arraycopy(t, 0, em, 256 - t.length, t.length);
        return em;
    }

    static byte[] rawPublic(RSAPublicKey k, byte[] signature) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
        c.init(Cipher.DECRYPT_MODE, k);
        byte[] out = c.doFinal(signature);
        byte[] full = new byte[256];
        System.arraycopy(out, 0, full, 256 - out.length, out.length);
        return full;
    }

    @Test
    void tokenInfoTellsAPhone() {
        byte[] token = phone.readEf(0x0006, 32);
        assertEquals("JPKIAPGPSETOKEN" + " ".repeat(17), new String(token, StandardCharsets.US_ASCII));
        try (JpkiSe card = JpkiSe.start(true)) {
            card.selectAp();
            assertEquals("JPKIAPICCTOKEN2" + " ".repeat(17),
                    new String(card.readEf(0x0006, 32), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void readBinaryAnyHeaderLengthAndLe() {
        byte[] der = phone.certificates.get(CertFile.AUTH_CERT_FILE);
        phone.selectEf(0x000A);
        for (int n : new int[] {1, 4, 7, 9, 17, 101, 255}) {
            byte[] got = phone.ok(new byte[] {0x00, (byte) 0xB0, 0x00, 0x00, (byte) n});
            assertArrayEquals(Arrays.copyOf(der, n), got, "header of " + n);
        }
        // Le 00 = 256 bytes, at odd offsets too
        for (int off : new int[] {0, 1, 255, 257, der.length - 300}) {
            byte[] got = phone.ok(new byte[] {0x00, (byte) 0xB0, (byte) (off >> 8), (byte) off, 0x00});
            assertArrayEquals(Arrays.copyOfRange(der, off, Math.min(der.length, off + 256)), got, "Le 00 at " + off);
        }
        // the tail: fewer bytes than asked; past the end: 6B00
        int tail = der.length - 5;
        assertArrayEquals(Arrays.copyOfRange(der, tail, der.length),
                phone.ok(new byte[] {0x00, (byte) 0xB0, (byte) (tail >> 8), (byte) tail, 0x00}));
        assertEquals(0x6B00, phone.sw(new byte[] {0x00, (byte) 0xB0, (byte) (der.length >> 8), (byte) der.length, 1}));
        // whole certificates in odd chunk sizes
        for (int chunk : new int[] {1, 3, 7, 9, 127, 200, 255, 256}) {
            assertArrayEquals(der, phone.readEf(0x000A, chunk), "chunks of " + chunk);
        }
        assertArrayEquals(phone.certificates.get(CertFile.AUTH_CA_FILE), phone.readEf(0x000B, 256));
        assertArrayEquals(phone.certificates.get(CertFile.SIGN_CA_FILE), phone.readEf(0x0002, 255));
        // key and PIN EFs are not readable; short EF identifiers are not supported
        phone.selectEf(0x0017);
        assertEquals(0x6982, phone.sw("00B0000004"));
        phone.selectEf(0x0006);
        assertEquals(0x6A81, phone.sw("00B0860004"));
    }

    @Test
    void emptyVerifyAnswersTriesForBothPins() {
        assertEquals(0x63C3, phone.verify(CertType.AUTH, null));
        assertEquals(0x63C5, phone.verify(CertType.SIGN, null));
    }

    @Test
    void wrongPinCountsDownAndCorrectOneResets() {
        assertEquals(0x63C2, phone.verify(CertType.AUTH, "9999"));
        assertEquals(0x63C2, phone.verify(CertType.AUTH, null));
        assertEquals(0x63C1, phone.verify(CertType.AUTH, "9998"));
        assertEquals(0x9000, phone.verify(CertType.AUTH, AUTH_PIN));
        assertEquals(0x63C3, phone.verify(CertType.AUTH, null));
        assertEquals(0x63C4, phone.verify(CertType.SIGN, "WRONG1"));
        assertEquals(0x9000, phone.verify(CertType.SIGN, SIGN_PASSWORD));
        assertEquals(0x63C5, phone.verify(CertType.SIGN, null));
    }

    @Test
    void malformedPinIsRefusedWithoutCostingATry() {
        for (String bad : new String[] {"123", "12345", "12a4", "ABCD"}) {
            assertEquals(0x6A80, phone.verify(CertType.AUTH, bad), bad);
        }
        for (String bad : new String[] {"ABC12", "ABCDEFGHIJKLMNOPQ", "abc123", "ABC-12"}) {
            assertEquals(0x6A80, phone.verify(CertType.SIGN, bad), bad);
        }
        assertEquals(0x63C3, phone.verify(CertType.AUTH, null));
        assertEquals(0x63C5, phone.verify(CertType.SIGN, null));
    }

    @Test
    void signatureCertificateNeedsThePasswordAndVerificationSurvivesEfSelects() {
        phone.selectEf(0x0001);
        assertEquals(0x6982, phone.sw("00B0000004"));
        assertEquals(0x9000, phone.verify(CertType.AUTH, AUTH_PIN));
        phone.selectEf(0x0001);
        assertEquals(0x6982, phone.sw("00B0000004"), "the auth PIN does not open the signature certificate");
        assertEquals(0x9000, phone.verify(CertType.SIGN, SIGN_PASSWORD));
        phone.selectEf(0x000A);
        phone.selectEf(0x0006);
        assertArrayEquals(phone.certificates.get(CertFile.SIGN_CERT_FILE), phone.readEf(0x0001, 255));
        // re-selecting the AP forgets both verifications
        phone.selectAp();
        phone.selectEf(0x0001);
        assertEquals(0x6982, phone.sw("00B0000004"));
        phone.selectEf(0x0017);
        assertEquals(0x6982, phone.sw(JpkiApCommands.computeDigitalSignature(new byte[20])));
    }

    @Test
    void signsAnyDigestInfoWithType01Padding() throws Exception {
        byte[] message = "an application for a phone certificate".getBytes(StandardCharsets.UTF_8);
        for (CertType t : CertType.values()) {
            assertEquals(0x9000, phone.verify(t, t == CertType.AUTH ? AUTH_PIN : SIGN_PASSWORD));
            phone.selectEf(0x0006);
            phone.selectEf(t == CertType.AUTH ? 0x0017 : 0x001A);
            RSAPublicKey key = phone.publicKeys.get(t);
            for (String alg : new String[] {"SHA-1", "SHA-256"}) {
                byte[] di = digestInfo(alg.equals("SHA-1") ? SHA1_PREFIX : SHA256_PREFIX, alg, message);
                byte[] sig = phone.ok(JpkiApCommands.computeDigitalSignature(di));
                assertEquals(256, sig.length);
                Signature v = Signature.getInstance(alg.replace("-", "") + "withRSA");
                v.initVerify(key);
                v.update(message);
                assertTrue(v.verify(sig), alg + " signature of " + t);
            }
            // any DigestInfo length: 1 byte up to 245 (RSA-2048 less 11 bytes of padding)
            for (int n : new int[] {1, 35, 51, 83, 245}) {
                byte[] di = new byte[n];
                Arrays.fill(di, (byte) n);
                byte[] sig = phone.ok(JpkiApCommands.computeDigitalSignature(di));
                assertArrayEquals(type01(di), rawPublic(key, sig), "type 01 block over " + n + " bytes");
            }
            assertEquals(0x6700, phone.sw(JpkiApCommands.computeDigitalSignature(new byte[246])));
        }
    }

    /**
     * Raw RSA may hand back fewer than 256 bytes when the signature starts with 00; the applet
     * restores them. About one signature in 256 does, so this signs until a few did (CRY-2).
     */
    @Test
    void aSignatureStartingWithZeroBytesStillHas256() throws Exception {
        assertEquals(0x9000, phone.verify(CertType.AUTH, AUTH_PIN));
        phone.selectEf(0x0017);
        RSAPublicKey key = phone.publicKeys.get(CertType.AUTH);
        int leadingZero = 0;
        for (int i = 0; i < 6000 && leadingZero < 3; i++) {
            byte[] di = new byte[35];
            di[0] = (byte) i;
            di[1] = (byte) (i >> 8);
            byte[] sig = phone.ok(JpkiApCommands.computeDigitalSignature(di));
            assertEquals(256, sig.length);
            if (sig[0] == 0) {
                leadingZero++;
                assertArrayEquals(type01(di), rawPublic(key, sig), "type 01 block under a signature starting 00");
            }
        }
        assertEquals(3, leadingZero, "signatures starting with 00");
    }

    @Test
    void changeReferenceDataNeedsVerifyAndTakesTheNewPin() {
        phone.selectEf(0x0018);
        assertEquals(0x6982, phone.sw(JpkiApCommands.changeReferenceData(JpkiSe.ascii("4321"))));
        assertEquals(0x9000, phone.verify(CertType.AUTH, AUTH_PIN));
        assertEquals(0x6A80, phone.sw(JpkiApCommands.changeReferenceData(JpkiSe.ascii("43210"))));
        phone.ok(JpkiApCommands.changeReferenceData(JpkiSe.ascii("4321")));
        // a fresh VERIFY is needed after the change
        phone.selectEf(0x0017);
        assertEquals(0x6982, phone.sw(JpkiApCommands.computeDigitalSignature(new byte[20])));
        assertEquals(0x63C2, phone.verify(CertType.AUTH, AUTH_PIN));
        assertEquals(0x9000, phone.verify(CertType.AUTH, "4321"));
        phone.ok(JpkiApCommands.changeReferenceData(JpkiSe.ascii(AUTH_PIN)));
        assertEquals(0x9000, phone.verify(CertType.AUTH, AUTH_PIN));
    }

    @Test
    void blockedPinAnswers6983AndEmptyVerify63C0() {
        try (JpkiSe p = JpkiSe.issued("5555", "PASS55")) {
            assertEquals(0x63C2, p.verify(CertType.AUTH, "0000"));
            assertEquals(0x63C1, p.verify(CertType.AUTH, "0001"));
            assertEquals(0x63C0, p.verify(CertType.AUTH, "0002"));
            assertEquals(0x6983, p.verify(CertType.AUTH, "5555"));
            assertEquals(0x63C0, p.verify(CertType.AUTH, null));
            assertEquals(KeySlot.PIN_BLOCKED, p.status()[2]);
            // the signature password is independent
            assertEquals(0x9000, p.verify(CertType.SIGN, "PASS55"));
        }
    }

    @Test
    void selectOfAnotherAidWhileSelectedAnswers6A82() {
        assertEquals(0x6A82, phone.sw("00A4040C0AD392F000260100000002"));
        assertEquals(0x6A82, phone.sw("00A4040C05A000000063"));
        // the AP stays selected
        assertEquals(0x63C3, phone.verify(CertType.AUTH, null));
        assertEquals(0x6A82, phone.sw("00A4020C020099"));
        assertEquals(0x6700, phone.sw("00A4020C03000A00"));
    }

    /** A secure messaging class byte on a command without data (Le read as Lc) once hung the applet. */
    @Test
    void secureMessagingClassWithoutDataAnswersAtOnce() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            for (String apdu : new String[] {"84B0000010", "0C20008008", "84460017FF", "8448001700", "0CA4020C"}) {
                int sw = phone.sw(apdu);
                assertTrue(sw != 0x9000 && sw != 0x6F00, apdu + " answered " + Integer.toHexString(sw));
            }
        });
    }

    @Test
    void issuanceCommandsAreRefusedWithoutTheSecureChannel() {
        assertEquals(0x6982, phone.sw(JpkiApCommands.generateKey(CertType.AUTH)));
        assertEquals(0x6982, phone.sw(JpkiApCommands.wipeKey(CertType.SIGN)));
        assertEquals(0x6982, phone.sw(JpkiApCommands.lockKey(CertType.SIGN)));
        assertEquals(0x6982, phone.sw(JpkiApCommands.setTempPin(CertType.SIGN, JpkiSe.ascii("TEMP00"))));
        assertEquals(Sw.OK, Sw.of(phone.send(JpkiApCommands.readStatus().apdu())));
    }
}
