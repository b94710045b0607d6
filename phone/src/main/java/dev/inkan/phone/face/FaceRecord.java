package dev.inkan.phone.face;

import com.google.gson.GsonBuilder;
import dev.inkan.generated.scripts.CertFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON file a served face writes so a script can check what a reader returns: the face, its
 * ATR and token info, the vpcd endpoint, the PINs, and the paths of the certificate files (DER,
 * written next to the JSON file). A phone's record also names the card certificates its
 * certificates are linked to.
 */
public final class FaceRecord {
    /** JSON names of the four EFs. */
    static final Map<CertFile, String> NAMES = Map.of(CertFile.AUTH_CERT_FILE, "userAuthentication",
            CertFile.AUTH_CA_FILE, "userAuthenticationCa", CertFile.SIGN_CERT_FILE, "signature",
            CertFile.SIGN_CA_FILE, "signatureCa");

    private FaceRecord() {
    }

    /** Writes {@code file} and the certificate files; returns the certificate paths by EF. */
    public static Map<CertFile, Path> write(Path file, Credentials creds, Credentials card, String atrHex, String host,
                                            int port) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Map<String, Object> root = new LinkedHashMap<>();
        String face = creds.face().name().toLowerCase(java.util.Locale.ROOT);
        root.put("face", face);
        root.put("aid", JpkiSecureElement.JPKI_AID);
        root.put("tokenInfo", creds.face().token);
        root.put("atr", atrHex);
        Map<String, Object> vpcd = new LinkedHashMap<>();
        vpcd.put("host", host);
        vpcd.put("port", port);
        root.put("vpcd", vpcd);
        Map<String, String> pins = new LinkedHashMap<>();
        pins.put("userAuthentication", creds.authPin());
        pins.put("signature", creds.signPassword());
        root.put("pins", pins);
        Map<CertFile, Path> paths = certificates(dir, face, creds);
        root.put("certificates", json(paths));
        if (card != null) {
            root.put("cardCertificates", json(certificates(dir, "card", card)));
        }
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n",
                StandardCharsets.UTF_8);
        return paths;
    }

    private static Map<CertFile, Path> certificates(Path dir, String prefix, Credentials creds) throws IOException {
        Map<CertFile, Path> out = new LinkedHashMap<>();
        for (CertFile f : new CertFile[] {CertFile.AUTH_CERT_FILE, CertFile.AUTH_CA_FILE, CertFile.SIGN_CERT_FILE,
                CertFile.SIGN_CA_FILE}) {
            Path p = dir.resolve(prefix + "-" + String.format("%04X", f.code) + "-" + NAMES.get(f) + ".der");
            Files.write(p, Personalization.der(creds.certificate(f)));
            out.put(f, p);
        }
        return out;
    }

    private static Map<String, String> json(Map<CertFile, Path> paths) {
        Map<String, String> out = new LinkedHashMap<>();
        paths.forEach((f, p) -> out.put(NAMES.get(f), p.toString()));
        return out;
    }
}
