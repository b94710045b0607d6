package dev.inkan.phone.face;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.InitialIssuanceGenerateKeysScript;
import dev.inkan.generated.scripts.InitialIssuanceStoreCertificatesScript;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.phone.app.AppletClient;
import dev.inkan.runtime.script.ScriptCommand;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Hex;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Person;
import dev.inkan.tsm.ca.Profile;
import dev.inkan.tsm.ca.Profile.Usage;
import dev.inkan.tsm.script.ScriptRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Issuance with the generated scripts of protocol InitialIssuance (spec/protocols.jsm), until the
 * full SP-TSM flow exists: the SP-TSM opens SCP03 level 33 through the JPKI AP with the SP
 * domain's keys (PRE-8), runs script GenerateKeys (both key pairs generated in the chip, public
 * keys read, CRY-1, PRE-7), has the CA certify them (card profile, or phone profile linked to the
 * card's certificates, LIFE-12), runs script StoreCertificates (CA and end-entity certificates,
 * PRE-2, and random temporary PINs, LIFE-6); then the app, outside the secure channel, changes
 * each temporary PIN to the user's (PRE-9), as in the issuance session.
 */
public final class Personalization {
    private final SecureRandom random;

    public Personalization(SecureRandom random) {
        this.random = random;
    }

    /** Personalizes an Individual Number Card (face CARD) for {@code person}. */
    public Credentials card(SecureElement se, JpkiCa ca, Person person, String authPin, String signPassword)
            throws IOException {
        return personalize(se, Face.CARD, authPin, signPassword, (t, key) -> ca.issueCard(usage(t), key, person),
                t -> ca.caCertificate(Profile.of(Profile.Holder.CARD, usage(t))));
    }

    /**
     * Personalizes an Individual Number Card whose certificates {@code issuer} makes (the JPKI
     * service's {@code issueCard}, so the registry knows the card), the CA certificates from {@code ca}.
     */
    public Credentials card(SecureElement se, JpkiCa ca, Issuer issuer, String authPin, String signPassword)
            throws IOException {
        return personalize(se, Face.CARD, authPin, signPassword, issuer,
                t -> ca.caCertificate(Profile.of(Profile.Holder.CARD, usage(t))));
    }

    /** Personalizes a phone's applet (face PHONE) with certificates linked to {@code card}'s. */
    public Credentials phone(SecureElement se, JpkiCa ca, Credentials card, String authPin, String signPassword)
            throws IOException {
        return personalize(se, Face.PHONE, authPin, signPassword,
                (t, key) -> ca.issuePhone(usage(t), key, card.certificate(endEntity(t))),
                t -> ca.caCertificate(Profile.of(Profile.Holder.PHONE, usage(t))));
    }

    static Usage usage(CertType t) {
        return t == CertType.AUTH ? Usage.AUTHENTICATION : Usage.SIGNATURE;
    }

    public static CertFile endEntity(CertType t) {
        return t == CertType.AUTH ? CertFile.AUTH_CERT_FILE : CertFile.SIGN_CERT_FILE;
    }

    public static CertFile caFile(CertType t) {
        return t == CertType.AUTH ? CertFile.AUTH_CA_FILE : CertFile.SIGN_CA_FILE;
    }

    /** Who certifies a key generated in the chip (the CA directly, or the JPKI service's registry). */
    public interface Issuer {
        X509Certificate issue(CertType t, PublicKey key);
    }

    interface CaOf {
        X509Certificate ca(CertType t);
    }

    private Credentials personalize(SecureElement se, Face face, String authPin, String signPassword, Issuer issuer,
                                    CaOf caOf) throws IOException {
        Transport card = se.contact();
        Sw.check(card.transmit(JpkiApCommands.selectAp().apdu()));
        SecureChannelTransport sc = Scp03Host.open(card, JpkiSecureElement.SP_KEYS,
                Scp03Host.Options.level(0x33).verifyingChallengeFor(Hex.decode(JpkiSecureElement.SP_DOMAIN)));
        // InitialIssuance, script GenerateKeys: both keys generated in the SE, public keys read
        Map<CertType, ByteArrayOutputStream> spki = new EnumMap<>(CertType.class);
        for (ScriptRunner.Step step : ScriptRunner.run(sc,
                InitialIssuanceGenerateKeysScript.build(new byte[8], new byte[16]), Map.of())) {
            if (step.command().name().equals("READ_PUBLIC_KEY")) {
                CertType t = step.command().apdu()[3] == CertType.AUTH.code ? CertType.AUTH : CertType.SIGN;
                spki.computeIfAbsent(t, k -> new ByteArrayOutputStream()).writeBytes(Sw.data(step.response()));
            }
        }
        Map<CertFile, X509Certificate> certs = new EnumMap<>(CertFile.class);
        Map<CertFile, byte[]> ders = new EnumMap<>(CertFile.class);
        for (CertType t : CertType.values()) {
            X509Certificate caCert = caOf.ca(t);
            X509Certificate ee = issuer.issue(t, publicKey(spki.get(t).toByteArray()));
            certs.put(caFile(t), caCert);
            certs.put(endEntity(t), ee);
            ders.put(caFile(t), der(caCert));
            ders.put(endEntity(t), der(ee));
        }
        // InitialIssuance, script StoreCertificates: CA and end-entity certificates, temporary PINs
        String authTemp = randomPin("0123456789", 4);
        String signTemp = randomPin("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16);
        ScriptRunner.run(sc, InitialIssuanceStoreCertificatesScript.build(0, new byte[0], 0, new byte[0], 0,
                new byte[0], 0, new byte[0], ascii(authTemp), ascii(signTemp)), ders);
        // the app sets the user's PIN and password (plain commands, after VERIFY of the temporary ones)
        Sw.check(card.transmit(JpkiApCommands.selectAp().apdu()));
        AppletClient applet = new AppletClient(card::transmit);
        changePin(applet, CertType.AUTH, authTemp, authPin);
        changePin(applet, CertType.SIGN, signTemp, signPassword);
        se.reset();
        return new Credentials(face, authPin, signPassword, certs);
    }

    /** What the app does after issuance (PRE-9): VERIFY of the temporary PIN, CHANGE REFERENCE DATA to the user's. */
    private static void changePin(AppletClient applet, CertType t, String from, String to) throws IOException {
        applet.verify(t, from);
        try {
            applet.changeReferenceData(to);
        } catch (AppletClient.AppletRefusal e) {
            if (e.sw() == 0x6A80) {
                throw new IllegalArgumentException("PIN " + to + " does not have the format of EF "
                        + (t == CertType.AUTH ? "0018" : "001B") + " (UX-1: 4 digits; 6 to 16 upper-case letters and digits)");
            }
            throw e;
        }
    }

    private static PublicKey publicKey(byte[] der) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("READ PUBLIC KEY: not a SubjectPublicKeyInfo", e);
        }
    }

    /** STORE CERTIFICATE blocks of {@code der} for EF {@code f} (the SP-TSM's {@link ScriptRunner#storeCertificate}). */
    public static List<ScriptCommand> storeCertificate(CertFile f, byte[] der) {
        return ScriptRunner.storeCertificate(f, der);
    }

    static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomPin(String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
