package dev.inkan.phone.app;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.se.apdu.Sw;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The JPKI AP as the app talks to it: the card-compatible commands (SELECT, READ BINARY, VERIFY,
 * COMPUTE DIGITAL SIGNATURE) and READ STATUS, built by the generated {@link JpkiApCommands}. A
 * refusal comes back as an {@link AppletRefusal} carrying the status word.
 */
public final class AppletClient {
    /** PIN states of READ STATUS (spec/applet.jsm READ_STATUS; the applet's Rules.PIN_*). */
    public enum PinStatus { UNSET, TEMPORARY, SET, BLOCKED }

    /** A status word other than 9000, with the command it answered. */
    public static final class AppletRefusal extends IOException {
        private final int sw;

        public AppletRefusal(String command, int sw) {
            super(command + " answered " + String.format("%04X", sw));
            this.sw = sw;
        }

        public int sw() {
            return sw;
        }
    }

    private final ApduPort port;

    public AppletClient(ApduPort port) {
        this.port = port;
    }

    /** The PIN state of a key slot (READ STATUS, free: no PIN, no secure messaging). */
    public PinStatus pinStatus(CertType key) throws IOException {
        byte[] status = send("READ STATUS", JpkiApCommands.readStatus().apdu());
        if (status.length < 5) {
            throw new IOException("READ STATUS answered " + status.length + " bytes, expected 5");
        }
        int b = status[key == CertType.AUTH ? 2 : 4];
        if (b < 0 || b >= PinStatus.values().length) {
            throw new IOException("READ STATUS: unknown PIN state " + b);
        }
        return PinStatus.values()[b];
    }

    /** VERIFY of the key's PIN (its PIN EF). */
    public void verify(CertType key, String pin) throws IOException {
        selectEf(key == CertType.AUTH ? JpkiApCommands.FID_AUTH_PIN_EF : JpkiApCommands.FID_SIGN_PIN_EF);
        send("VERIFY", JpkiApCommands.verify(pin.getBytes(StandardCharsets.US_ASCII)).apdu());
    }

    /** CHANGE REFERENCE DATA of the PIN EF selected and verified just before. */
    public void changeReferenceData(String newPin) throws IOException {
        send("CHANGE REFERENCE DATA", JpkiApCommands.changeReferenceData(newPin.getBytes(StandardCharsets.US_ASCII)).apdu());
    }

    /** The whole certificate EF, read in READ BINARY blocks until a short block or the end. */
    public byte[] readCertificate(CertFile file) throws IOException {
        selectEf(file.code);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() <= 0x7FFF) {
            byte[] r = port.transmit(JpkiApCommands.readBinary(out.size() >> 8, out.size() & 0xFF).apdu());
            int sw = Sw.of(r);
            if (sw == 0x6B00) {
                break;
            }
            if (sw != 0x9000) {
                throw new AppletRefusal("READ BINARY", sw);
            }
            byte[] data = Sw.data(r);
            out.writeBytes(data);
            if (data.length < 256) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** {@link #readCertificate} parsed as X.509. */
    public X509Certificate readX509Certificate(CertFile file) throws IOException {
        byte[] der = readCertificate(file);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IOException("the certificate in EF " + file + " does not parse", e);
        }
    }

    /** COMPUTE DIGITAL SIGNATURE of a DigestInfo with the key (after VERIFY of its PIN). */
    public byte[] sign(CertType key, byte[] digestInfo) throws IOException {
        selectEf(key == CertType.AUTH ? JpkiApCommands.FID_AUTH_KEY : JpkiApCommands.FID_SIGN_KEY);
        return send("COMPUTE DIGITAL SIGNATURE", JpkiApCommands.computeDigitalSignature(digestInfo).apdu());
    }

    private void selectEf(int fid) throws IOException {
        send("SELECT EF", JpkiApCommands.selectEf(new byte[] {(byte) (fid >> 8), (byte) fid}).apdu());
    }

    private byte[] send(String name, byte[] apdu) throws IOException {
        byte[] r = port.transmit(apdu);
        int sw = Sw.of(r);
        if (sw != 0x9000) {
            throw new AppletRefusal(name, sw);
        }
        return Sw.data(r);
    }
}
