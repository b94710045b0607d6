package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.phone.app.biometric.BiometricVault;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.nfc.ContactlessFrontEnd;
import dev.inkan.se.omapi.CallerIdentity;
import dev.inkan.se.omapi.Channel;
import dev.inkan.se.omapi.SeService;
import dev.inkan.se.omapi.Session;
import dev.inkan.se.runtime.CardInterface;
import dev.inkan.se.scp03.HostWrapper;
import dev.inkan.se.scp03.InitializeUpdateResponse;
import dev.inkan.se.scp03.DiversifiedKeys;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One phone of the system under test: its secure element on jcardsim (ISD, ARA-M, FeliCa
 * stand-in, the JPKI load file; the SP domain and the JPKI instance only once the SEI-TSM
 * creates them), the OMAPI service as the JPKI app, a rogue app and a business app see it, the
 * contactless face a terminal or shop reader reaches, and what the host side (TSMs, app, user)
 * knows: open SCP03 sessions, PINs, public keys, certificates, blocks sent.
 */
final class PhoneSe implements AutoCloseable {
    static final String JPKI = "D392F000260100000001";
    static final Aid JPKI_AID = Aid.of(JPKI);
    static final Aid JPKI_LOAD_FILE = Aid.of(JPKI + "F1");
    static final Aid JPKI_MODULE = Aid.of(JPKI + "F2");
    static final Aid SP_SD = Aid.of("D392F0002653440001");
    static final Aid ISD = Aid.of(Defaults.ISD_AID);
    static final Aid ARA = Aid.of(Defaults.ARA_AID);
    static final StaticKeys ISD_KEYS = StaticKeys.of(0x30, Defaults.TEST_KEY, Defaults.TEST_KEY, Defaults.TEST_KEY);
    /** The transfer master the SEI-TSM and the SP-TSM share: each SE is handed over with its own set. */
    static final DiversifiedKeys TRANSFER_MASTER = new DiversifiedKeys(StaticKeys.of(0x31, "11".repeat(16),
            "22".repeat(16), "33".repeat(16)));
    /**
     * The SP-TSM's master set: its own set in each SE, which replaces the transfer set, is
     * diversified from it by the SE's key diversification data ({@link #spKeys()}), as deployed.
     */
    static final DiversifiedKeys SP_MASTER = new DiversifiedKeys(StaticKeys.of(0x32, "00112233445566778899AABBCCDDEEFF",
            "102132435465768798A9BACBDCEDFE0F", "0F1E2D3C4B5A69788796A5B4C3D2E1F0"));
    private static final SecureRandom KDD_RANDOM = new SecureRandom();
    /** SHA-256 of the JPKI app's signing certificate: the hash the ARA rule lists. */
    static final byte[] JPKI_APP_HASH = Hex.decode("AB".repeat(32));
    static final byte[] ROGUE_HASH = Hex.decode("CD".repeat(32));
    static final byte[] BUSINESS_HASH = Hex.decode("EF".repeat(32));

    final SecureElement se;
    private final StaticKeys transferKeys;
    private final StaticKeys spKeys;
    private final SeService app;
    private final SeService rogue;
    private final SeService business;
    private Session appSession;
    Channel channel;
    final ContactlessFrontEnd nfc;
    boolean nfcSelected;

    /** The ISD session of the SEI-TSM on the contact basic channel. */
    HostWrapper isd;
    Scp03Host.Handshake isdPending;
    /** The SP-TSM's session with the SP domain through the app's channel. */
    HostWrapper sp;
    Scp03Host.Handshake spPending;
    /** The last SP session of a channel the app closed: probes check the SE no longer honours it. */
    HostWrapper staleSp;
    /** The session with the SP domain itself during the key hand-over, on a logical channel of the contact interface (-1: none). */
    int handOverChannel = -1;
    HostWrapper handOver;
    Scp03Host.Handshake handOverPending;

    /** What the host side knows; copied with a fixture. */
    Memo memo = new Memo();

    /** Host-side knowledge of one phone. */
    static final class Memo {
        /** The PIN values the user (or the SP-TSM for a temporary one) set, by CertType index. */
        String[] pin = new String[2];
        int[] pinCounter = new int[2];
        RSAPublicKey[] publicKey = new RSAPublicKey[2];
        /** End-entity certificate the CA issued for the slot's current key. */
        byte[][] endEntity = new byte[2][];
        /** Next STORE CERTIFICATE block per CertFile code index (0 AuthCa, 1 AuthCert, 2 SignCa, 3 SignCert). */
        int[] nextBlock = new int[4];
        /** The certificate the blocks sent so far belong to, and whether the EF holds it completely. */
        byte[][] blockSource = new byte[4][];
        boolean[] complete = new boolean[4];
        /** The JPKI app's data (its biometric vault); null while the app is not installed. */
        BiometricVault vault;

        /** What is known once the JPKI instance is new or gone: nothing of the applet; the app and its data stay. */
        Memo forNewApplet() {
            Memo m = new Memo();
            m.vault = vault;
            return m;
        }

        Memo copy() {
            Memo m = new Memo();
            m.pin = pin.clone();
            m.pinCounter = pinCounter.clone();
            m.publicKey = publicKey.clone();
            m.endEntity = endEntity.clone();
            m.nextBlock = nextBlock.clone();
            m.blockSource = blockSource.clone();
            m.complete = complete.clone();
            m.vault = vault == null ? null : vault.copy();
            return m;
        }
    }

    private PhoneSe(SecureElement se, boolean misidentifiedCallers) {
        this.se = se;
        this.app = new SeService(se, CallerIdentity.ofHashes("jp.go.jpki.app", JPKI_APP_HASH));
        this.rogue = new SeService(se, CallerIdentity.ofHashes("com.example.rogue",
                misidentifiedCallers ? JPKI_APP_HASH : ROGUE_HASH));
        this.business = new SeService(se, CallerIdentity.ofHashes("jp.example.bank",
                misidentifiedCallers ? JPKI_APP_HASH : BUSINESS_HASH));
        this.nfc = new ContactlessFrontEnd(se);
        // this SE's own sets, from the masters and the KDD its domains answer with (fixed for the SE's life)
        byte[] kdd = se.platform().registry().isd().sd().keyDiversificationData();
        this.transferKeys = TRANSFER_MASTER.forCard(kdd);
        this.spKeys = SP_MASTER.forCard(kdd);
    }

    /** A new phone's SE: the ISD (level 33), ARA-M and FeliCa stand-in, and the JPKI load file in ROM. */
    static SeConfig config() {
        SeConfig c = new SeConfig();
        c.instances = new ArrayList<>(Defaults.defaultInstances());
        c.isd.minimumSecurityLevel = "33";
        // each SE its own identity (the SP domain inherits the ISD's KDD); a restored SE keeps its image's
        byte[] kdd = new byte[10];
        KDD_RANDOM.nextBytes(kdd);
        c.isd.keyDiversificationData = Hex.encode(kdd);
        SeConfig.LoadFile lf = new SeConfig.LoadFile();
        lf.aid = JPKI_LOAD_FILE.hex();
        SeConfig.Module m = new SeConfig.Module();
        m.aid = JPKI_MODULE.hex();
        m.className = "dev.inkan.applet.JpkiApplet";
        lf.modules.add(m);
        c.loadFiles.add(lf);
        return c.validate();
    }

    /** This SE's own transfer set: the master the SEI-TSM and the SP-TSM share, diversified by its KDD. */
    StaticKeys transferKeys() {
        return transferKeys;
    }

    /** This SE's own SP set: the SP-TSM's master diversified by the KDD its domains answer with. */
    StaticKeys spKeys() {
        return spKeys;
    }

    static PhoneSe start(ClassLoader appletLoader, boolean misidentifiedCallers) {
        return withLoader(appletLoader, () -> new PhoneSe(SecureElement.start(config()), misidentifiedCallers));
    }

    static PhoneSe restore(ClassLoader appletLoader, boolean misidentifiedCallers, String image, Memo memo) {
        PhoneSe p = withLoader(appletLoader, () -> new PhoneSe(SecureElement.restore(config(), image),
                misidentifiedCallers));
        p.memo = memo.copy();
        return p;
    }

    interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Runs with the applet classes of {@code loader} (a test's faulty variant) as the SE's class loader. */
    static <T> T withLoader(ClassLoader loader, IoSupplier<T> body) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        if (loader != null) {
            t.setContextClassLoader(loader);
        }
        try {
            return body.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    // ---------------------------------------------------------------- transports

    byte[] contact(byte[] apdu) {
        return se.transmit(CardInterface.CONTACT, apdu);
    }

    /** The interface the user's and shop's commands take: the app's OMAPI channel when open, else the contactless face. */
    byte[] user(byte[] apdu) throws IOException {
        if (channel != null && channel.isOpen()) {
            return channel.transmit(apdu);
        }
        if (!nfcSelected) {
            byte[] r = nfc.transmit(JpkiApCommands.selectAp().apdu());
            if (Sw.of(r) != 0x9000) {
                return r;
            }
            nfcSelected = true;
        }
        return nfc.transmit(apdu);
    }

    /** Opens the app's logical channel to the JPKI AP (ACE check, SELECT); the contactless field goes away first. */
    void openChannel() throws IOException {
        fieldOff();
        if (appSession == null || appSession.isClosed()) {
            appSession = app.getReaders()[0].openSession();
        }
        channel = appSession.openLogicalChannel(JPKI_AID.bytes());
        sp = null;
        spPending = null;
    }

    void closeChannel() {
        if (sp != null) {
            staleSp = sp;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        sp = null;
        spPending = null;
    }

    void fieldOff() {
        se.contactlessFieldOff();
        nfcSelected = false;
    }

    /**
     * Whether the access control enforcer refuses a rogue (or business) app a channel to the JPKI
     * AP ({@code SecurityException}, before any APDU); a channel it grants is closed again, and a
     * grant the SE then fails to select is still the enforcer's fault.
     */
    boolean refusesChannel(boolean rogueApp) {
        SeService s = rogueApp ? rogue : business;
        try {
            Session session = s.getReaders()[0].openSession();
            try {
                Channel c = session.openLogicalChannel(JPKI_AID.bytes());
                if (c != null) {
                    c.close();
                    return false;
                }
                return true;
            } finally {
                session.close();
            }
        } catch (SecurityException e) {
            return true;
        } catch (IOException | java.util.NoSuchElementException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- SCP03 host side

    /** INITIALIZE UPDATE; the handshake waits for EXTERNAL AUTHENTICATE. Returns the SW. */
    static int initializeUpdate(Transport t, StaticKeys keys, Scp03Host.Handshake[] out) throws IOException {
        byte[] challenge = new byte[8];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(challenge);
        byte[] r = t.transmit(Scp03Host.initializeUpdate(0, keys.kvn(), challenge));
        if (Sw.of(r) != 0x9000) {
            return Sw.of(r);
        }
        out[0] = Scp03Host.handshake(keys, challenge, InitializeUpdateResponse.parse(Sw.data(r)));
        return 0x9000;
    }

    /** EXTERNAL AUTHENTICATE at level 33, with the right host cryptogram or a wrong one. Returns the SW. */
    static int externalAuthenticate(Transport t, Scp03Host.Handshake h, boolean ok) throws IOException {
        byte[] cryptogram = h.hostCryptogram().clone();
        if (!ok) {
            cryptogram[0] ^= 0x01;
        }
        return Sw.of(t.transmit(h.wrapper().externalAuthenticate(0, 0x33, cryptogram)));
    }

    /** A command wrapped and unwrapped by an open session. */
    static byte[] wrapped(Transport t, HostWrapper w, byte[] plain) throws IOException {
        return w.unwrap(t.transmit(w.wrap(plain)));
    }

    interface Transport {
        byte[] transmit(byte[] apdu) throws IOException;
    }

    Transport contactTransport() {
        return this::contact;
    }

    Transport channelTransport() {
        return apdu -> {
            if (channel == null || !channel.isOpen()) {
                throw new IOException("the app holds no channel");
            }
            return channel.transmit(apdu);
        };
    }

    /** The hand-over session's logical channel, opened (MANAGE CHANNEL) when there is none. */
    Transport handOverTransport() throws IOException {
        if (handOverChannel < 0) {
            byte[] opened = contact(new byte[] {0x00, 0x70, 0x00, 0x00, 0x01});
            if (Sw.of(opened) != 0x9000) {
                throw new IOException("MANAGE CHANNEL open: " + Integer.toHexString(Sw.of(opened)));
            }
            handOverChannel = opened[0];
        }
        return onChannel(handOverChannel);
    }

    /** Closes the hand-over session's channel (MANAGE CHANNEL close ends the session). */
    void closeHandOver() {
        if (handOverChannel >= 0) {
            contact(new byte[] {0x00, 0x70, (byte) 0x80, (byte) handOverChannel});
        }
        handOverChannel = -1;
        handOver = null;
        handOverPending = null;
    }

    private Transport onChannel(int n) {
        return apdu -> {
            byte[] c = apdu.clone();
            c[0] = dev.inkan.se.apdu.Cla.withChannel(c[0], n);
            return contact(c);
        };
    }

    /**
     * Runs {@code body} on a logical channel of the contact interface opened for it (MANAGE
     * CHANNEL) with {@code aid} selected, then closes it: the SEI-TSM's and the observer's side
     * trips that leave the basic channel's ISD session alone.
     */
    <T> T onSpareChannel(Aid aid, SpareBody<T> body) throws IOException {
        byte[] opened = contact(new byte[] {0x00, 0x70, 0x00, 0x00, 0x01});
        if (Sw.of(opened) != 0x9000) {
            throw new IOException("MANAGE CHANNEL open: " + Integer.toHexString(Sw.of(opened)));
        }
        int n = opened[0];
        Transport t = onChannel(n);
        try {
            byte[] sel = t.transmit(GpCommands.select(aid));
            return body.run(t, Sw.of(sel));
        } finally {
            contact(new byte[] {0x00, 0x70, (byte) 0x80, (byte) n});
        }
    }

    interface SpareBody<T> {
        T run(Transport t, int selectSw) throws IOException;
    }

    static List<String> hexAll(List<byte[]> xs) {
        List<String> out = new ArrayList<>();
        for (byte[] x : xs) {
            out.add(Hex.encode(x));
        }
        return out;
    }

    static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public void close() {
        app.shutdown();
        rogue.shutdown();
        business.shutdown();
        se.close();
    }
}
