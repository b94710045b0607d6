package dev.inkan.phone.face;

import dev.inkan.se.SecureElement;
import dev.inkan.se.pcsc.SecureElementCard;
import dev.inkan.se.pcsc.VirtualCard;
import dev.inkan.se.pcsc.VpcdBridge;
import dev.inkan.se.util.Hex;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Person;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * A personalized JPKI AP served to PC/SC programs through vsmartcard's vpcd: the Individual
 * Number Card (contact) or the contactless face of a phone that completed issuance. A phone's
 * certificates are linked to those of a card personalized in the same process for the same
 * person (LIFE-12, PRE-1).
 */
public final class ServedFace implements AutoCloseable {
    /** The person of the demonstration card. */
    public static final Person DEFAULT_PERSON = new Person("INKAN TARO", "1-1 Chiyoda\nChiyoda-ku, Tokyo",
            LocalDate.of(1990, 4, 1), "M");

    /** What to serve and where. */
    public record Options(Face face, String host, int port, Path record, String authPin, String signPassword,
                          Person person, Consumer<String> log) {
    }

    private final SecureElement se;
    private final VpcdBridge bridge;
    private final Credentials credentials;

    private ServedFace(SecureElement se, VpcdBridge bridge, Credentials credentials) {
        this.se = se;
        this.bridge = bridge;
        this.credentials = credentials;
    }

    /** Personalizes the face, writes the record, and connects it to vpcd (in the background). */
    public static ServedFace start(Options o) throws IOException {
        SecureRandom random = new SecureRandom();
        JpkiCa ca = JpkiCa.generate(random, java.time.Clock.systemUTC());
        Personalization p = new Personalization(random);
        Credentials card = null;
        SecureElement se;
        Credentials creds;
        if (o.face() == Face.CARD) {
            se = JpkiSecureElement.start(Face.CARD);
            creds = p.card(se, ca, o.person(), o.authPin(), o.signPassword());
        } else {
            try (SecureElement cardSe = JpkiSecureElement.start(Face.CARD)) {
                card = p.card(cardSe, ca, o.person(), "1234", "CARDPASS1");
            }
            se = JpkiSecureElement.start(Face.PHONE);
            creds = p.phone(se, ca, card, o.authPin(), o.signPassword());
        }
        if (o.record() != null) {
            FaceRecord.write(o.record(), creds, card, Hex.encode(se.atr()), o.host(), o.port());
        }
        VirtualCard vc = o.face() == Face.CARD ? new SecureElementCard(se) : new ContactlessCard(se);
        VpcdBridge bridge = VpcdBridge.start(vc, o.host(), o.port(), o.log());
        return new ServedFace(se, bridge, creds);
    }

    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return bridge.awaitConnected(timeout);
    }

    public Credentials credentials() {
        return credentials;
    }

    public SecureElement secureElement() {
        return se;
    }

    @Override
    public void close() {
        bridge.close();
        se.close();
    }
}
