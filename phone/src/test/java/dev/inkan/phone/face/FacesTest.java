package dev.inkan.phone.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.util.Hex;
import dev.inkan.tsm.ca.CardLink;
import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Profile;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/**
 * The faces without PC/SC: a card and a phone personalized with the generated scripts under
 * SCP03, the phone's certificates linked to the card's (REQ LIFE-12, PRE-4), each face with its
 * token info (LIFE-12) and the phone reachable contactless only by the JPKI AID (ACC-3).
 */
class FacesTest {
    @Test
    void phoneCertificatesAreLinkedToTheCardsAndTheFacesTellThemselvesApart() throws Exception {
        SecureRandom random = new SecureRandom();
        JpkiCa ca = JpkiCa.generate();
        Personalization p = new Personalization(random);
        try (SecureElement cardSe = JpkiSecureElement.start(Face.CARD);
             SecureElement phoneSe = JpkiSecureElement.start(Face.PHONE)) {
            Credentials card = p.card(cardSe, ca, ServedFace.DEFAULT_PERSON, "1111", "CARD11");
            Credentials phone = p.phone(phoneSe, ca, card, "2222", "PHONE22");
            for (CertFile ee : new CertFile[] {CertFile.AUTH_CERT_FILE, CertFile.SIGN_CERT_FILE}) {
                X509Certificate c = card.certificate(ee);
                X509Certificate ph = phone.certificate(ee);
                assertEquals(Profile.Holder.CARD, JpkiCa.profileOf(c).holder);
                assertEquals(Profile.Holder.PHONE, JpkiCa.profileOf(ph).holder);
                CardLink link = JpkiCa.cardLinkOf(ph).orElseThrow();
                assertTrue(link.names(c), "LIFE-12");
                assertEquals(c.getNotAfter(), ph.getNotAfter(), "PRE-4");
            }
            assertEquals(JpkiSecureElement.JPKI_AID, Hex.encode(dev.inkan.generated.scripts.JpkiApCommands.AID));
            assertEquals("JPKIAPICCTOKEN2", token(new SecureElementCardView(cardSe)));
            ContactlessCard nfc = new ContactlessCard(phoneSe);
            assertEquals("JPKIAPGPSETOKEN", token(nfc::transmit));
            // over NFC, the ISD is not routed: only the JPKI AP answers
            assertEquals(0x6A82, Sw.of(nfc.transmit(Hex.decode("00A4040008A000000151000000"))));
            // the certificate in EF 000A is the one issued
            byte[] der = phone.certificate(CertFile.AUTH_CERT_FILE).getEncoded();
            nfc.powerOn();
            Sw.check(nfc.transmit(Hex.decode("00A4040C0A" + JpkiSecureElement.JPKI_AID)));
            Sw.check(nfc.transmit(Hex.decode("00A4020C02000A")));
            assertArrayEquals(java.util.Arrays.copyOf(der, 9), Sw.check(nfc.transmit(Hex.decode("00B0000009"))));
        }
    }

    interface Apdus {
        byte[] transmit(byte[] c);
    }

    static final class SecureElementCardView implements Apdus {
        private final SecureElement se;

        SecureElementCardView(SecureElement se) {
            this.se = se;
        }

        @Override
        public byte[] transmit(byte[] c) {
            return se.transmit(c);
        }
    }

    static String token(Apdus card) {
        Sw.check(card.transmit(Hex.decode("00A4040C0A" + JpkiSecureElement.JPKI_AID)));
        Sw.check(card.transmit(Hex.decode("00A4020C020006")));
        return new String(Sw.check(card.transmit(Hex.decode("00B0000000"))), StandardCharsets.US_ASCII).strip();
    }
}
