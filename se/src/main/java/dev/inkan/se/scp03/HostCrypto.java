package dev.inkan.se.scp03;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Host-side AES primitives on BouncyCastle's lightweight API: AES-CMAC (NIST SP 800-38B),
 * AES-CBC without padding, the SCP03 KDF (NIST SP 800-108 counter mode with CMAC as PRF,
 * Amd D 4.1.5) and key check values (GP 2.3 section 11.8 PUT KEY with Amd D: first three bytes of
 * AES(key, 16 x 01)).
 */
public final class HostCrypto {
    private static final byte[] KCV_INPUT = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

    private HostCrypto() {
    }

    /** Full 16-byte AES-CMAC of {@code data} under {@code key}. */
    public static byte[] cmac(byte[] key, byte[]... data) {
        CMac mac = new CMac(AESEngine.newInstance());
        mac.init(new KeyParameter(key));
        for (byte[] d : data) {
            mac.update(d, 0, d.length);
        }
        byte[] out = new byte[16];
        mac.doFinal(out, 0);
        return out;
    }

    /** AES-CBC encryption of whole blocks. */
    public static byte[] cbcEncrypt(byte[] key, byte[] iv, byte[] data) {
        return cbc(true, key, iv, data);
    }

    /** AES-CBC decryption of whole blocks. */
    public static byte[] cbcDecrypt(byte[] key, byte[] iv, byte[] data) {
        return cbc(false, key, iv, data);
    }

    /** One AES block encrypted in ECB mode (used for ICVs and KCVs). */
    public static byte[] encryptBlock(byte[] key, byte[] block) {
        return cbc(true, key, new byte[16], block);
    }

    private static byte[] cbc(boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        if (data.length % 16 != 0) {
            throw new IllegalArgumentException("AES-CBC without padding needs whole blocks, got " + data.length);
        }
        BlockCipher cbc = CBCBlockCipher.newInstance(AESEngine.newInstance());
        cbc.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i += 16) {
            cbc.processBlock(data, i, out, i);
        }
        return out;
    }

    /** The SCP03 KDF: {@code lengthBits} (64, 128 or 256) bits derived from {@code key}, one CMAC per 128 bits. */
    public static byte[] kdf(byte[] key, byte constant, int lengthBits, byte[] context) {
        byte[] out = new byte[(lengthBits + 127) / 128 * 16];
        for (int i = 1; (i - 1) * 128 < lengthBits; i++) {
            System.arraycopy(cmac(key, Scp03.derivationData(constant, lengthBits, context, i)), 0, out, (i - 1) * 16, 16);
        }
        return java.util.Arrays.copyOf(out, lengthBits / 8);
    }

    /** Three-byte key check value of an AES key. */
    public static byte[] kcv(byte[] key) {
        return java.util.Arrays.copyOf(encryptBlock(key, KCV_INPUT), 3);
    }
}
