package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.properties.adapter.Implementation.Response;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.util.Hex;
import dev.inkan.tsm.jpki.CardSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The values the host side sends and the model's argument values decoded: PINs the user and the
 * SP-TSM choose, EF identifiers, certificate files and types, the SP domain's key sets and identity,
 * the signed text. One place, so that every actor's mapping uses the same ones; per model (the
 * argument value lists are read from its info).
 */
final class Values {
    private final ModelView view;

    Values(ModelView view) {
        this.view = view;
    }

    private static final String[] AUTH_PINS = {"1234", "5678"};
    private static final String[] SIGN_PINS = {"PASSWORD1", "PASSWORD2"};

    String nextPin(PhoneSe phone, int t, boolean advance) {
        int n = phone.memo.pinCounter[t] + 1;
        if (advance) {
            phone.memo.pinCounter[t] = n;
        }
        return (t == view.auth ? AUTH_PINS : SIGN_PINS)[n % 2];
    }

    String tempPin(int t) {
        return t == view.auth ? "0000" : "TEMP00";
    }

    String wrongPin(PhoneSe phone, int t) {
        String current = phone.memo.pin[t];
        String w = t == view.auth ? "9999" : "WRONG9";
        return w.equals(current) ? (t == view.auth ? "9998" : "WRONG8") : w;
    }

    CertType type(int t) {
        return t == view.auth ? CertType.AUTH : CertType.SIGN;
    }

    /** CertFile argument values in the spec's order: SignCertFile, SignCaFile, AuthCertFile, AuthCaFile. */
    String certFileName(int f) {
        return view.info.event("JpkiApplet", "storeCert").params().get(0).type().names().get(f);
    }

    int certOf(int f) {
        String n = certFileName(f);
        return n.startsWith("Auth") ? view.auth : view.sign;
    }

    boolean isEndEntity(int f) {
        return certFileName(f).endsWith("CertFile");
    }

    CertFile file(int f) {
        return switch (certFileName(f)) {
            case "SignCertFile" -> CertFile.SIGN_CERT_FILE;
            case "SignCaFile" -> CertFile.SIGN_CA_FILE;
            case "AuthCertFile" -> CertFile.AUTH_CERT_FILE;
            default -> CertFile.AUTH_CA_FILE;
        };
    }

    /** The CertFile value index of a slot's end-entity or CA file. */
    int fileIndex(int t, boolean ca) {
        String want = (t == view.auth ? "Auth" : "Sign") + (ca ? "CaFile" : "CertFile");
        return view.info.event("JpkiApplet", "storeCert").params().get(0).type().names().indexOf(want);
    }

    boolean isGpObject(int v, String name) {
        return view.info.event("SecureElement", "install").params().get(0).type().names().get(v).equals(name);
    }

    int pinFid(int t) {
        return t == view.auth ? JpkiApCommands.FID_AUTH_PIN_EF : JpkiApCommands.FID_SIGN_PIN_EF;
    }

    int keyFid(int t) {
        return t == view.auth ? JpkiApCommands.FID_AUTH_KEY : JpkiApCommands.FID_SIGN_KEY;
    }

    /** FID of an Ef value (its code is the low byte). */
    int efFid(int ef) {
        String n = view.info.event("JpkiApplet", "readBinary").params().get(0).type().names().get(ef);
        return switch (n) {
            case "TokenInfoEf" -> JpkiApCommands.FID_TOKEN_INFO;
            case "SignCertEf" -> JpkiApCommands.FID_SIGN_CERT;
            case "SignCaEf" -> JpkiApCommands.FID_SIGN_CA_CERT;
            case "AuthCertEf" -> JpkiApCommands.FID_AUTH_CERT;
            case "AuthCaEf" -> JpkiApCommands.FID_AUTH_CA_CERT;
            case "AuthKeyEf" -> JpkiApCommands.FID_AUTH_KEY;
            case "AuthPinEf" -> JpkiApCommands.FID_AUTH_PIN_EF;
            case "SignKeyEf" -> JpkiApCommands.FID_SIGN_KEY;
            case "SignPinEf" -> JpkiApCommands.FID_SIGN_PIN_EF;
            default -> throw new IllegalArgumentException("no EF " + n + " in the applet's file table");
        };
    }

    static byte[] fid(int fid) {
        return new byte[] {(byte) (fid >> 8), (byte) fid};
    }

    static dev.inkan.se.util.Aid aid(String hex) {
        return dev.inkan.se.util.Aid.of(hex);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String hex(int sw) {
        return String.format("%04X", sw);
    }

    /** What the applet signs (as the SHA-256 DigestInfo) and relying parties verify. */
    static final byte[] SIGNED_TEXT = "inkan".getBytes(StandardCharsets.UTF_8);

    private static final byte[] DIGEST_INFO = CardSignature.sha256DigestInfo(SIGNED_TEXT);

    static byte[] digestInfo() {
        return DIGEST_INFO.clone();
    }

    /** The SP domain's identity data (IIN) the SEI-TSM stores with STORE DATA. */
    static final byte[] IDENTITY = Hex.decode("4203112233");

    /** The key set of each SpDomainKeys value. */
    static StaticKeys keysOf(String spDomainKeys, PhoneSe phone) {
        return switch (spDomainKeys) {
            case "CreationKeys" -> PhoneSe.ISD_KEYS;
            case "TransferKeys" -> phone.transferKeys();
            default -> phone.spKeys();
        };
    }

    static Response expect(byte[] r, String what) {
        return Sw.of(r) == 0x9000 ? Response.OK : Response.refused(what + ": " + hex(Sw.of(r)));
    }

    static int selectEf(PhoneSe phone, int fid) throws IOException {
        return Sw.of(phone.user(JpkiApCommands.selectEf(fid(fid)).apdu()));
    }
}
