package dev.inkan.bench.applet;

import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.phone.face.Face;
import dev.inkan.phone.face.JpkiSecureElement;
import dev.inkan.phone.face.Personalization;
import dev.inkan.phone.face.ServedFace;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.tsm.ca.JpkiCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** An Individual Number Card face personalized with the generated scripts, for the benchmarks. */
final class IssuedApplet {
    static final String AUTH_PIN = "1234";
    static final String SIGN_PASSWORD = "ABC123";

    private IssuedApplet() {
    }

    static SecureElement start() throws IOException {
        SecureElement se = JpkiSecureElement.start(Face.CARD);
        new Personalization(new SecureRandom()).card(se, JpkiCa.generate(), ServedFace.DEFAULT_PERSON, AUTH_PIN,
                SIGN_PASSWORD);
        ok(se, JpkiApCommands.selectAp().apdu());
        return se;
    }

    static byte[] ok(SecureElement se, byte[] apdu) {
        return Sw.check(se.transmit(apdu));
    }

    static void selectEf(SecureElement se, int fid) {
        ok(se, JpkiApCommands.selectEf(new byte[] {(byte) (fid >> 8), (byte) fid}).apdu());
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
