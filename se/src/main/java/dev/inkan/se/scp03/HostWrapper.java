package dev.inkan.se.scp03;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.util.Bytes;
import java.util.Arrays;

/**
 * Host-side SCP03 wrapping of commands and unwrapping of responses for one session (GP 2.3 Amd D
 * 6.2.4 C-MAC, 6.2.5 R-MAC, 6.2.6 C-DECRYPTION, 6.2.7 R-ENCRYPTION). Holds the session keys, the
 * MAC chaining value and the encryption counter; knows nothing about transports.
 */
public final class HostWrapper {
    private final byte[] sEnc;
    private final byte[] sMac;
    private final byte[] sRmac;
    private int level;
    private byte[] mcv = new byte[16];
    private long counter;

    HostWrapper(byte[] sEnc, byte[] sMac, byte[] sRmac) {
        this.sEnc = sEnc.clone();
        this.sMac = sMac.clone();
        this.sRmac = sRmac.clone();
    }

    /** Current security level (C-MAC, C-DEC, R-MAC, R-ENC bits). */
    public int level() {
        return level;
    }

    /** The encryption counter of the last wrapped command. */
    public long counter() {
        return counter;
    }

    /**
     * Builds the EXTERNAL AUTHENTICATE command (Amd D 7.1.2): CLA '84' on {@code channel}, P1 the
     * security level, data the host cryptogram and its C-MAC computed with a zero chaining value.
     * Public for hosts that send INITIALIZE UPDATE and EXTERNAL AUTHENTICATE as separate steps
     * (the model-based harness) or with a cryptogram that must fail.
     */
    public byte[] externalAuthenticate(int channel, int securityLevel, byte[] hostCryptogram) {
        if (!SecurityLevel.isValid(securityLevel)) {
            throw new IllegalArgumentException("invalid security level " + securityLevel);
        }
        byte cla = Cla.withChannel((byte) 0x84, channel);
        byte[] header = {Cla.forMac(cla), Ins.EXTERNAL_AUTHENTICATE, (byte) securityLevel, 0x00, 0x10};
        mcv = HostCrypto.cmac(sMac, new byte[16], header, hostCryptogram);
        byte[] cmd = new byte[5 + 16];
        cmd[0] = cla;
        System.arraycopy(header, 1, cmd, 1, 4);
        System.arraycopy(hostCryptogram, 0, cmd, 5, 8);
        System.arraycopy(mcv, 0, cmd, 13, 8);
        level = securityLevel;
        return cmd;
    }

    /** Raises the response protection after a successful BEGIN R-MAC SESSION (GP 2.3 Amd D, BEGIN R-MAC SESSION). */
    public void beginRmac(int responseLevel) {
        level |= responseLevel & (SecurityLevel.R_MAC | SecurityLevel.R_ENCRYPTION);
    }

    /** Lowers the response protection back to {@code sessionLevel} after END R-MAC SESSION. */
    public void endRmac(int sessionLevel) {
        level = sessionLevel;
    }

    /**
     * Wraps a plain command: encrypts its data when C-DEC is on (the counter rises for every
     * command, with or without data), sets the SM bit in CLA, appends the C-MAC. Level '00'
     * returns the command unchanged.
     */
    public byte[] wrap(byte[] command) {
        CommandApdu c = CommandApdu.parse(command);
        if (c == null) {
            throw new IllegalArgumentException("malformed command APDU");
        }
        if ((level & SecurityLevel.C_MAC) == 0) {
            return command.clone();
        }
        counter++;
        byte[] data = c.data();
        if ((level & SecurityLevel.C_DECRYPTION) != 0 && data.length > 0) {
            byte[] icv = HostCrypto.encryptBlock(sEnc, Scp03.counterBlock(counter, false));
            data = HostCrypto.cbcEncrypt(sEnc, icv, Bytes.pad80(data, 16));
        }
        int lc = data.length + 8;
        if (lc > 255) {
            throw new IllegalArgumentException("wrapped data field of " + lc + " bytes does not fit a short APDU");
        }
        byte cla = Cla.withSecureMessaging(c.cla());
        byte[] macInput = new byte[5 + data.length];
        macInput[0] = Cla.forMac(cla);
        macInput[1] = c.ins();
        macInput[2] = c.p1();
        macInput[3] = c.p2();
        macInput[4] = (byte) lc;
        System.arraycopy(data, 0, macInput, 5, data.length);
        mcv = HostCrypto.cmac(sMac, mcv, macInput);
        byte[] out = new byte[5 + lc + (c.hasLe() ? 1 : 0)];
        out[0] = cla;
        System.arraycopy(macInput, 1, out, 1, 4 + data.length);
        System.arraycopy(mcv, 0, out, 5 + data.length, 8);
        // a present Le becomes '00': the response grows by the R-MAC and the R-ENC padding
        return out;
    }

    /** A wrapped command and the session state it was wrapped in, which its response is unwrapped with. */
    public record Sealed(byte[] apdu, byte[] mcv, long counter, int level) {
    }

    /** Wraps a command whose response comes back later, after those of commands wrapped after it (a batch). */
    public Sealed seal(byte[] command) {
        byte[] w = wrap(command);
        return new Sealed(w, mcv.clone(), counter, level);
    }

    /** Unwraps the response to a {@link #seal sealed} command. */
    public byte[] unwrap(Sealed sealed, byte[] response) {
        return unwrap(response, sealed.mcv(), sealed.counter(), sealed.level());
    }

    /**
     * Verifies and strips the R-MAC and decrypts R-ENC data. Responses with an error status word
     * carry no protection (Amd D 6.2.5) and come back as they are.
     *
     * @throws SecurityException when the R-MAC or the padding is wrong
     */
    public byte[] unwrap(byte[] response) {
        return unwrap(response, mcv, counter, level);
    }

    private byte[] unwrap(byte[] response, byte[] mcv, long counter, int level) {
        int sw = Sw.of(response);
        if ((level & SecurityLevel.R_MAC) == 0 || !Sw.isSuccessOrWarning(sw)) {
            return response.clone();
        }
        int dataLength = response.length - 2 - 8;
        if (dataLength < 0) {
            throw new SecurityException("response without R-MAC");
        }
        byte[] data = Arrays.copyOf(response, dataLength);
        byte[] rmac = HostCrypto.cmac(sRmac, mcv, data, Sw.bytes(sw));
        if (!Bytes.constantTimeEquals(rmac, 0, response, dataLength, 8)) {
            throw new SecurityException("R-MAC verification failed");
        }
        if ((level & SecurityLevel.R_ENCRYPTION) != 0 && dataLength > 0) {
            if (dataLength % 16 != 0) {
                throw new SecurityException("R-ENC data is not whole blocks");
            }
            byte[] icv = HostCrypto.encryptBlock(sEnc, Scp03.counterBlock(counter, true));
            byte[] plain = HostCrypto.cbcDecrypt(sEnc, icv, data);
            int n = Bytes.unpad80Length(plain, 0, plain.length, 16);
            if (n < 0) {
                throw new SecurityException("bad R-ENC padding");
            }
            data = Arrays.copyOf(plain, n);
        }
        return Bytes.concat(data, Sw.bytes(sw));
    }
}
