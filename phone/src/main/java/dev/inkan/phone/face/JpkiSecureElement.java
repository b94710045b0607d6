package dev.inkan.phone.face;

import dev.inkan.applet.JpkiApplet;
import dev.inkan.se.SecureElement;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.scp03.DiversifiedKeys;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;

/**
 * A simulated SE as the SEI-TSM leaves it for the SP (REQ PRE-7, SYS-1): the SP's security
 * domain (spec/se.jsm SpSd) with the SP-TSM's SCP03 keys, the JPKI applet instance associated with
 * it, and an ARA-M rule that lets the JPKI app and NFC terminals reach the applet (ACC-1, ACC-3).
 */
public final class JpkiSecureElement {
    /** The JPKI AP (spec/applet.jsm JpkiAp). */
    public static final String JPKI_AID = "D392F000260100000001";
    /** The SP's security domain (spec/se.jsm SpSd). */
    public static final String SP_DOMAIN = "D392F0002653440001";
    /**
     * The SP-TSM's master key set: each SE's SP domain holds its own set, diversified from it by the
     * SE's key diversification data (KDF3), so the keys of one SE open no other. Demonstration keys
     * of the reference system: a real SP-TSM puts its own with PUT KEY.
     */
    public static final DiversifiedKeys SP_KEYS = new DiversifiedKeys(StaticKeys.of(0x30,
            "00112233445566778899AABBCCDDEEFF", "102132435465768798A9BACBDCEDFE0F", "0F1E2D3C4B5A69788796A5B4C3D2E1F0"));
    /** SHA-256 of the JPKI app's signing certificate in the ARA-M rule (a stand-in value). */
    public static final String JPKI_APP_HASH = "AB".repeat(32);

    private static final SecureRandom RANDOM = new SecureRandom();

    private JpkiSecureElement() {
    }

    /** The configuration of an SE holding the JPKI applet with the face {@code face}. */
    public static SeConfig config(Face face) {
        SeConfig c = new SeConfig();
        if (face.atr != null) {
            c.atr = face.atr;
        }
        c.instances = new ArrayList<>(Defaults.defaultInstances());
        // the SE's identity: a key diversification data of its own, which its domains answer with
        byte[] kdd = new byte[10];
        RANDOM.nextBytes(kdd);
        c.isd.keyDiversificationData = Hex.encode(kdd);
        SeConfig.Instance sd = new SeConfig.Instance();
        sd.keyDiversificationData = Hex.encode(kdd);
        StaticKeys own = SP_KEYS.forCard(kdd);
        sd.aid = SP_DOMAIN;
        sd.loadFile = Defaults.SD_LOAD_FILE;
        sd.module = Defaults.SD_MODULE;
        sd.privileges = "800000";
        sd.minimumSecurityLevel = "33";
        SeConfig.KeySet k = new SeConfig.KeySet();
        k.kvn = Integer.toHexString(own.kvn());
        k.enc = Hex.encode(own.enc());
        k.mac = Hex.encode(own.mac());
        k.dek = Hex.encode(own.dek());
        sd.keySets.add(k);
        c.instances.add(sd);
        c.addApplet(JPKI_AID, JpkiApplet.class.getName(), "000000", face.installParameter, SP_DOMAIN);
        SeConfig.AccessRule rule = new SeConfig.AccessRule();
        rule.aid = JPKI_AID;
        rule.hash = JPKI_APP_HASH;
        rule.apdu = "always";
        rule.nfc = "always";
        c.accessRules.add(rule);
        return c.validate();
    }

    public static SecureElement start(Face face) throws IOException {
        return SecureElement.start(config(face));
    }
}
