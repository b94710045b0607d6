package dev.inkan.applet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.runtime.script.ScriptCommand;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.runtime.CardInterface;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A secure element with the SP's domain and the JPKI applet under it, and the SP-TSM's side of
 * issuance (the generated script builders under SCP03 level 33), for the applet tests.
 */
final class JpkiSe implements AutoCloseable {
    static final String AID = "D392F000260100000001";
    /** The SP's security domain (spec/se.jsm SpSd). */
    static final String SP_SD = "D392F0002653440001";
    static final StaticKeys SP_KEYS = StaticKeys.of(0x30, "00112233445566778899AABBCCDDEEFF",
            "102132435465768798A9BACBDCEDFE0F", "0F1E2D3C4B5A69788796A5B4C3D2E1F0");
    static final byte[] SELECT_AP = Hex.decode("00A4040C0A" + AID);

    static final String AUTH_TEMP = "0000";
    static final String SIGN_TEMP = "TEMP00";

    final SecureElement se;
    /** A secure channel a test keeps between steps. */
    SecureChannelTransport sc;
    final boolean card;
    /** What the SP-TSM and CA know after issuance: public keys and the certificates stored. */
    final Map<CertType, RSAPublicKey> publicKeys = new EnumMap<>(CertType.class);
    final Map<CertFile, byte[]> certificates = new EnumMap<>(CertFile.class);
    final TestCa ca = TestCa.shared();

    private JpkiSe(SecureElement se, boolean card) {
        this.se = se;
        this.card = card;
    }

    /** The SE configuration: ISD, the SP's APSD with its keys, the JPKI instance associated with it. */
    static SeConfig config(boolean card) {
        SeConfig c = new SeConfig();
        c.instances = new ArrayList<>(Defaults.defaultInstances());
        SeConfig.Instance sd = new SeConfig.Instance();
        sd.aid = SP_SD;
        sd.loadFile = Defaults.SD_LOAD_FILE;
        sd.module = Defaults.SD_MODULE;
        sd.privileges = "800000";
        sd.minimumSecurityLevel = "33";
        SeConfig.KeySet k = new SeConfig.KeySet();
        k.kvn = Integer.toHexString(SP_KEYS.kvn());
        k.enc = Hex.encode(SP_KEYS.enc());
        k.mac = Hex.encode(SP_KEYS.mac());
        k.dek = Hex.encode(SP_KEYS.dek());
        sd.keySets.add(k);
        c.instances.add(sd);
        c.addApplet(AID, JpkiApplet.class.getName(), "000000", card ? "01" : "00", SP_SD);
        SeConfig.AccessRule r = new SeConfig.AccessRule();
        r.aid = AID;
        r.hash = "AB".repeat(32);
        r.apdu = "always";
        r.nfc = "always";
        c.accessRules.add(r);
        return c;
    }

    static JpkiSe start() {
        return start(false);
    }

    static JpkiSe start(boolean card) {
        return start(config(card), card);
    }

    static JpkiSe start(SeConfig config, boolean card) {
        JpkiSe j;
        try {
            j = new JpkiSe(SecureElement.start(config), card);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        j.send(SELECT_AP);
        if (Sw.of(j.send(JpkiApCommands.readStatus().apdu())) == 0x6985) {
            j.close();
            throw new AssertionError("the applet refuses READ STATUS, which every state of the spec allows: the "
                    + "generated dispatch leaves a new instance in the machine's initial state Absent, where no "
                    + "command is allowed; it must start in Installed (request G1 to the generator)");
        }
        j.se.reset();
        return j;
    }

    /** A phone whose applet completed issuance: both keys certified, the user's PIN and password set. */
    static JpkiSe issued(String authPin, String signPassword) {
        JpkiSe j = start();
        j.issue(authPin, signPassword);
        return j;
    }

    // ---------------------------------------------------------------- plain APDUs (contact)

    byte[] send(byte[] apdu) {
        return se.transmit(CardInterface.CONTACT, apdu);
    }

    byte[] send(String hex) {
        return send(Hex.decode(hex));
    }

    int sw(byte[] apdu) {
        return Sw.of(send(apdu));
    }

    int sw(String hex) {
        return sw(Hex.decode(hex));
    }

    int sw(ScriptCommand c) {
        return sw(c.apdu());
    }

    /** Sends and expects 9000; returns the data. */
    byte[] ok(byte[] apdu) {
        byte[] r = send(apdu);
        assertEquals(0x9000, Sw.of(r), () -> "SW of " + Hex.encode(apdu));
        return Sw.data(r);
    }

    byte[] ok(String hex) {
        return ok(Hex.decode(hex));
    }

    byte[] ok(ScriptCommand c) {
        return ok(c.apdu());
    }

    void selectAp() {
        ok(SELECT_AP);
    }

    void selectEf(int fid) {
        ok(JpkiApCommands.selectEf(new byte[] {(byte) (fid >> 8), (byte) fid}));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** VERIFY after selecting the PIN EF of {@code t}; returns the SW. */
    int verify(CertType t, String pin) {
        selectEf(t == CertType.AUTH ? 0x0018 : 0x001B);
        return sw(JpkiApCommands.verify(pin == null ? null : ascii(pin)));
    }

    /** READ STATUS: state, auth key, auth PIN, sign key, sign PIN. */
    byte[] status() {
        return ok(JpkiApCommands.readStatus());
    }

    /** Reads a whole EF in chunks of {@code chunk} bytes (the header first, as readers do). */
    byte[] readEf(int fid, int chunk) {
        selectEf(fid);
        byte[] head = ok(new byte[] {0x00, (byte) 0xB0, 0x00, 0x00, 0x04});
        int total = fid == 0x0006 ? 32 : ((head[2] & 0xFF) << 8 | (head[3] & 0xFF)) + 4;
        byte[] out = new byte[total];
        for (int at = 0; at < total; at += chunk) {
            int n = Math.min(chunk, total - at);
            byte[] cmd = {0x00, (byte) 0xB0, (byte) (at >> 8), (byte) at, (byte) (n == 256 ? 0 : n)};
            byte[] d = ok(cmd);
            assertEquals(n, d.length, "READ BINARY length at " + at);
            System.arraycopy(d, 0, out, at, n);
        }
        return out;
    }

    // ---------------------------------------------------------------- issuance (SP-TSM side)

    /** Selects the AP and opens SCP03 level 33 with the SP domain's keys through it. */
    SecureChannelTransport openSp() {
        selectAp();
        try {
            return Scp03Host.open(se.contact(), SP_KEYS, Scp03Host.Options.level(0x33)
                    .verifyingChallengeFor(Hex.decode(SP_SD)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] tx(SecureChannelTransport sc, ScriptCommand c) {
        try {
            return sc.transmit(c.apdu());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ok(SecureChannelTransport sc, ScriptCommand c) {
        byte[] r = tx(sc, c);
        assertEquals(0x9000, Sw.of(r), () -> c.name() + " under SCP03");
        return Sw.data(r);
    }

    static int sw(SecureChannelTransport sc, ScriptCommand c) {
        return Sw.of(tx(sc, c));
    }

    /** GENERATE KEY and READ PUBLIC KEY in one session; remembers the key. */
    RSAPublicKey generate(SecureChannelTransport sc, CertType t) {
        ok(sc, JpkiApCommands.generateKey(t));
        RSAPublicKey k = readPublicKey(sc, t);
        publicKeys.put(t, k);
        return k;
    }

    static RSAPublicKey readPublicKey(SecureChannelTransport sc, CertType t) {
        byte[] der = new byte[0];
        for (int block = 0; block < 3; block++) {
            byte[] d = ok(sc, JpkiApCommands.readPublicKey(block, t));
            byte[] joined = new byte[der.length + d.length];
            System.arraycopy(der, 0, joined, 0, der.length);
            System.arraycopy(d, 0, joined, der.length, d.length);
            der = joined;
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError("READ PUBLIC KEY did not give a SubjectPublicKeyInfo", e);
        }
    }

    /** STORE CERTIFICATE in 224-byte blocks; returns the SW of the last block. */
    static int storeCert(SecureChannelTransport sc, CertFile f, byte[] der) {
        List<ScriptCommand> blocks = storeCertCommands(f, der);
        int sw = 0x9000;
        for (ScriptCommand c : blocks) {
            sw = sw(sc, c);
            if (sw != 0x9000) {
                return sw;
            }
        }
        return sw;
    }

    static List<ScriptCommand> storeCertCommands(CertFile f, byte[] der) {
        List<ScriptCommand> out = new ArrayList<>();
        for (int at = 0, block = 0; at < der.length; at += 224, block++) {
            int n = Math.min(224, der.length - at);
            byte[] chunk = new byte[n];
            System.arraycopy(der, at, chunk, 0, n);
            boolean last = at + n == der.length;
            out.add(JpkiApCommands.storeCert(f, block | (last ? 0x80 : 0), chunk));
        }
        return out;
    }

    /** Stores the CA and end-entity certificates of slot {@code t} (the key must be generated). */
    void certify(SecureChannelTransport sc, CertType t) {
        CertFile caFile = t == CertType.AUTH ? CertFile.AUTH_CA_FILE : CertFile.SIGN_CA_FILE;
        CertFile eeFile = t == CertType.AUTH ? CertFile.AUTH_CERT_FILE : CertFile.SIGN_CERT_FILE;
        byte[] caDer = ca.caCertificate(t);
        byte[] eeDer = ca.issue(t, publicKeys.get(t), card);
        assertEquals(0x9000, storeCert(sc, caFile, caDer));
        assertEquals(0x9000, storeCert(sc, eeFile, eeDer));
        certificates.put(caFile, caDer);
        certificates.put(eeFile, eeDer);
    }

    /** The SP-TSM's part of issuance: keys, certificates and temporary PINs of both slots (state TemporaryPin). */
    void personalizeWithTemporaryPins() {
        SecureChannelTransport channel = openSp();
        for (CertType t : CertType.values()) {
            generate(channel, t);
        }
        for (CertType t : CertType.values()) {
            certify(channel, t);
        }
        ok(channel, JpkiApCommands.setTempPin(CertType.AUTH, ascii(AUTH_TEMP)));
        ok(channel, JpkiApCommands.setTempPin(CertType.SIGN, ascii(SIGN_TEMP)));
    }

    /** Full issuance as SP-TSM and app do it: keys, certificates, temporary PINs, then the user's PINs. */
    void issue(String authPin, String signPassword) {
        personalizeWithTemporaryPins();
        // the app changes the temporary PINs to the user's in the same session (PRE-9)
        selectAp();
        assertEquals(0x9000, verify(CertType.AUTH, AUTH_TEMP));
        ok(JpkiApCommands.changeReferenceData(ascii(authPin)));
        assertEquals(0x9000, verify(CertType.SIGN, SIGN_TEMP));
        ok(JpkiApCommands.changeReferenceData(ascii(signPassword)));
        selectAp();
    }

    /**
     * Certifies a generated auth key whose public key the caller read, sets its PIN through a
     * temporary one to "1234", and leaves it verified: ready to sign with EF 0017.
     */
    void certifyAuth(SecureChannelTransport channel, RSAPublicKey key) {
        publicKeys.put(CertType.AUTH, key);
        certify(channel, CertType.AUTH);
        ok(channel, JpkiApCommands.setTempPin(CertType.AUTH, ascii(AUTH_TEMP)));
        selectAp();
        assertEquals(0x9000, verify(CertType.AUTH, AUTH_TEMP));
        ok(JpkiApCommands.changeReferenceData(ascii("1234")));
        assertEquals(0x9000, verify(CertType.AUTH, "1234"));
    }

    /** The SHA-256 DigestInfo of a text. */
    byte[] sha256DigestInfo(String text) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            byte[] prefix = Hex.decode("3031300D060960864801650304020105000420");
            byte[] out = java.util.Arrays.copyOf(prefix, prefix.length + h.length);
            System.arraycopy(h, 0, out, prefix.length, h.length);
            return out;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        se.close();
    }
}
