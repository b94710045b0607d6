package dev.inkan.applet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.generated.dispatch.JpkiApDispatch;
import javacard.framework.APDU;
import org.junit.jupiter.api.Test;

/**
 * {@link Rules}, whose contracts KeY proves (verification/), agrees with the generated dispatch it
 * stands beside: the same PIN indexes, and the same PIN format decisions as the spec's generated
 * check over every length 0..20 and every byte value at every position (REQ UX-1); and its type 01
 * block is the one RFC 8017 describes (CRY-2).
 */
class RulesTest {
    /** The generated dispatch with no applet behind it: only its format check is called. */
    static final class Generated extends JpkiApDispatch {
        boolean formatOk(byte pin, byte[] buf, short off, short len) {
            return pinFormatOk(pin, buf, off, len);
        }

        @Override
        protected void unwrapCommand(APDU apdu) {
        }

        @Override
        protected byte securityLevel() {
            return 0;
        }

        @Override
        protected boolean isPinValidated(byte pin) {
            return false;
        }

        @Override
        protected short selectedFile() {
            return -1;
        }

        @Override
        protected void onSelectApplet(APDU apdu) {
        }

        @Override
        protected void onSelectAp(APDU apdu) {
        }

        @Override
        protected void onSelectEf(APDU apdu) {
        }

        @Override
        protected void onReadBinary(APDU apdu) {
        }

        @Override
        protected void onVerify(APDU apdu) {
        }

        @Override
        protected void onChangeReferenceData(APDU apdu) {
        }

        @Override
        protected void onComputeDigitalSignature(APDU apdu) {
        }

        @Override
        protected void onReadStatus(APDU apdu) {
        }

        @Override
        protected void onInitializeUpdate(APDU apdu) {
        }

        @Override
        protected void onExternalAuthenticate(APDU apdu) {
        }

        @Override
        protected void onGenerateKey(APDU apdu) {
        }

        @Override
        protected void onReadPublicKey(APDU apdu) {
        }

        @Override
        protected void onStoreCert(APDU apdu) {
        }

        @Override
        protected void onSetTempPin(APDU apdu) {
        }

        @Override
        protected void onLockKey(APDU apdu) {
        }

        @Override
        protected void onWipeKey(APDU apdu) {
        }
    }

    private final Generated generated = new Generated();

    @Test
    void pinIndexesAndStatesAreTheDispatchs() {
        assertEquals(JpkiApDispatch.PIN_AUTH_PIN, Rules.AUTH_PIN);
        assertEquals(JpkiApDispatch.PIN_SIGN_PIN, Rules.SIGN_PIN);
        assertEquals(Rules.KEY_CERTIFIED, KeySlot.CERTIFIED);
        assertEquals(Rules.PIN_TEMPORARY, KeySlot.PIN_TEMPORARY);
    }

    @Test
    void pinFormatAgreesWithTheSpecsGeneratedCheck() {
        int checked = 0;
        for (byte pin = 0; pin <= 1; pin++) {
            for (short len = 0; len <= 20; len++) {
                byte[] buf = new byte[5 + len];
                java.util.Arrays.fill(buf, 5, buf.length, (byte) '7');
                assertEquals(generated.formatOk(pin, buf, (short) 5, len), Rules.pinWellFormed(pin, buf, (short) 5, len),
                        "pin " + pin + " length " + len);
                for (int at = 5; at < buf.length; at++) {
                    for (int v = -128; v < 128; v++) {
                        buf[at] = (byte) v;
                        boolean expected = generated.formatOk(pin, buf, (short) 5, len);
                        assertEquals(expected, Rules.pinWellFormed(pin, buf, (short) 5, len),
                                "pin " + pin + " length " + len + " byte " + v + " at " + at);
                        checked++;
                    }
                    buf[at] = (byte) '7';
                }
            }
        }
        assertEquals(2 * 256 * (20 * 21 / 2), checked);
    }

    @Test
    void type01BlockIsRfc8017s() {
        byte[] digestInfo = new byte[35];
        for (int i = 0; i < digestInfo.length; i++) {
            digestInfo[i] = (byte) (i * 7 + 1);
        }
        byte[] in = new byte[40];
        System.arraycopy(digestInfo, 0, in, 3, digestInfo.length);
        byte[] out = new byte[300];
        java.util.Arrays.fill(out, (byte) 0x5A);
        assertEquals(256, Rules.padType01(in, (short) 3, (short) digestInfo.length, out));
        byte[] expected = new byte[256];
        expected[1] = 1;
        java.util.Arrays.fill(expected, 2, 256 - 35 - 1, (byte) 0xFF);
        System.arraycopy(digestInfo, 0, expected, 256 - 35, 35);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 0, 256));
        assertEquals(0x5A, out[256], "nothing written after the block");
    }
}
