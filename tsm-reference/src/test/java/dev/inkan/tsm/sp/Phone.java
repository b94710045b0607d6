package dev.inkan.tsm.sp;

import dev.inkan.applet.JpkiApplet;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.omapi.CallerIdentity;
import dev.inkan.se.omapi.Channel;
import dev.inkan.se.omapi.SeService;
import dev.inkan.se.scp03.DiversifiedKeys;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.util.Aid;
import dev.inkan.tsm.jpki.CardSignature;
import dev.inkan.tsm.script.AppRelay;
import dev.inkan.tsm.sei.SeiTsm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A new phone in process: a GP SE on jcardsim as it ships (ISD, ARA-M, the JPKI load file the
 * SEI-TSM put in ROM, no SP domain, no JPKI instance, no rule), and the JPKI app's side: its OMAPI
 * channel to the applet (the relay the TSMs use) and the user's commands (PIN change, signature).
 */
final class Phone implements AutoCloseable {
    static final String JPKI = "D392F000260100000001";
    static final Aid SP_DOMAIN = Aid.of("D392F0002653440001");
    /** The SEI-TSM's master set: each SE's ISD holds its own set, diversified by the SE's KDD. */
    static final DiversifiedKeys ISD_KEYS = new DiversifiedKeys(StaticKeys.of(0x30, Defaults.TEST_KEY,
            Defaults.TEST_KEY, Defaults.TEST_KEY));
    /** The transfer master the SEI-TSM and the SP-TSM share: each SE's SP domain is handed over with its own set. */
    static final DiversifiedKeys TRANSFER_KEYS = new DiversifiedKeys(StaticKeys.of(0x31, "11".repeat(16),
            "22".repeat(16), "33".repeat(16)));
    /** The SP-TSM's master set: each SE's SP domain gets its own set, diversified by the SE's KDD. */
    static final DiversifiedKeys SP_KEYS = new DiversifiedKeys(StaticKeys.of(0x32, "00112233445566778899AABBCCDDEEFF",
            "102132435465768798A9BACBDCEDFE0F", "0F1E2D3C4B5A69788796A5B4C3D2E1F0"));
    /** SHA-256 of the JPKI app's signing certificate (stand-in). */
    static final byte[] APP_HASH = HexFormat.of().parseHex("AB".repeat(32));

    final String id;
    final SecureElement se;
    /** The SE's key diversification data: its identity, and the input of its SP domain's keys. */
    final byte[] kdd = new byte[10];

    Phone(String id) throws IOException {
        this.id = id;
        SeConfig c = new SeConfig();
        // the SE's identity: its ISD's key diversification data (the SP domain inherits it), its own on every SE
        new java.security.SecureRandom().nextBytes(kdd);
        c.isd.keyDiversificationData = HexFormat.of().withUpperCase().formatHex(kdd);
        StaticKeys isd = ISD_KEYS.forCard(kdd);
        SeConfig.KeySet k = c.isd.keySets.get(0);
        k.enc = HexFormat.of().formatHex(isd.enc());
        k.mac = HexFormat.of().formatHex(isd.mac());
        k.dek = HexFormat.of().formatHex(isd.dek());
        c.addApplet(JPKI, JpkiApplet.class.getName(), "000000", "00", null);
        c.instances.remove(c.instances.size() - 1); // the load file only: the SEI-TSM installs the instance
        this.se = SecureElement.start(c.validate());
    }

    static SeiTsm.Plan plan() {
        return new SeiTsm.Plan(SP_DOMAIN, Aid.of(JPKI + "F1"), Aid.of(JPKI + "F2"), Aid.of(JPKI), new byte[] {0},
                APP_HASH, TRANSFER_KEYS);
    }

    /** The JPKI app's OMAPI channel to the applet (the access control enforcer checks the app's hash). */
    Channel appChannel() throws IOException {
        return new SeService(se, CallerIdentity.ofHashes("jp.go.jpki.app", APP_HASH)).getReaders()[0].openSession()
                .openLogicalChannel(HexFormat.of().parseHex(JPKI), (byte) 0x0C);
    }

    /** The relay the TSMs use: the app's channel. */
    AppRelay relay() throws IOException {
        Channel ch = appChannel();
        return AppRelay.of(id, ch::transmit, ch::close);
    }

    /** The app replaces a temporary PIN with the user's (VERIFY, CHANGE REFERENCE DATA), outside the secure channel. */
    void changePin(int pinEf, String from, String to) throws IOException {
        Channel ch = appChannel();
        Sw.check(ch.transmit(JpkiApCommands.selectEf(new byte[] {0, (byte) pinEf}).apdu()));
        Sw.check(ch.transmit(JpkiApCommands.verify(ascii(from)).apdu()));
        Sw.check(ch.transmit(JpkiApCommands.changeReferenceData(ascii(to)).apdu()));
        ch.close();
    }

    /** COMPUTE DIGITAL SIGNATURE with the key of EF {@code keyEf} after its PIN; the status word and signature. */
    byte[] sign(int pinEf, int keyEf, String pin, byte[] data) throws Exception {
        Channel ch = appChannel();
        try {
            Sw.check(ch.transmit(JpkiApCommands.selectEf(new byte[] {0, (byte) pinEf}).apdu()));
            Sw.check(ch.transmit(JpkiApCommands.verify(ascii(pin)).apdu()));
            Sw.check(ch.transmit(JpkiApCommands.selectEf(new byte[] {0, (byte) keyEf}).apdu()));
            return ch.transmit(JpkiApCommands.computeDigitalSignature(CardSignature.sha256DigestInfo(data)).apdu());
        } finally {
            ch.close();
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        se.close();
    }
}
