package dev.inkan.se.scp03;

import dev.inkan.se.runtime.GpRuntime;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import javacard.security.Signature;
import javacardx.crypto.Cipher;

/**
 * Card-side AES primitives on the Java Card API as jcardsim implements it: AES-CMAC
 * ({@code Signature.ALG_AES_CMAC_128}), AES-CBC without padding, one-block encryption, and the
 * SCP03 KDF (GP 2.3 Amd D 4.1.5). One instance per session; not thread-safe.
 */
public final class CardCrypto {
    private final Signature cmac = Signature.getInstance(Signature.ALG_AES_CMAC_128, false);
    private final Cipher cbc = Cipher.getInstance(Cipher.ALG_AES_BLOCK_128_CBC_NOPAD, false);
    private final AESKey scratch = newKey();
    private final byte[] zeroIv = new byte[16];

    /** A fresh uninitialised AES-128 key object. */
    public static AESKey newKey() {
        return (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
    }

    /** A key object holding {@code value}. */
    public static AESKey key(byte[] value) {
        AESKey k = newKey();
        k.setKey(value, (short) 0);
        return k;
    }

    /**
     * CMAC over {@code prefix} (may be null) followed by {@code in[inOff, inOff+inLen)}; writes 16
     * bytes to {@code out[outOff]}.
     */
    public void cmac(AESKey key, byte[] prefix, byte[] in, int inOff, int inLen, byte[] out, int outOff) {
        GpRuntime.platformCrypto(true);
        try {
            cmac.init(key, Signature.MODE_SIGN);
            if (prefix != null) {
                cmac.update(prefix, (short) 0, (short) prefix.length);
            }
            cmac.sign(in, (short) inOff, (short) inLen, out, (short) outOff);
        } finally {
            GpRuntime.platformCrypto(false);
        }
    }

    /** Encrypts or decrypts {@code len} bytes (whole blocks) in place with AES-CBC and {@code iv}. */
    public void cbc(AESKey key, boolean encrypt, byte[] iv, byte[] buf, int off, int len) {
        GpRuntime.platformCrypto(true);
        try {
            cbc.init(key, encrypt ? Cipher.MODE_ENCRYPT : Cipher.MODE_DECRYPT, iv, (short) 0, (short) 16);
            cbc.doFinal(buf, (short) off, (short) len, buf, (short) off);
        } finally {
            GpRuntime.platformCrypto(false);
        }
    }

    /** AES-CBC with a zero IV (PUT KEY key values under the DEK, GP 2.3 section 11.8). */
    public void cbcZeroIv(AESKey key, boolean encrypt, byte[] buf, int off, int len) {
        cbc(key, encrypt, zeroIv, buf, off, len);
    }

    /** {@code block} (16 bytes) encrypted in place with {@code key} (ECB = CBC with zero IV on one block). */
    public void encryptBlock(AESKey key, byte[] block) {
        cbc(key, true, zeroIv, block, 0, 16);
    }

    /** The SCP03 KDF with {@code baseKey} as PRF key; returns {@code bits}/8 bytes. */
    public byte[] kdf(AESKey baseKey, byte constant, int bits, byte[] context) {
        byte[] data = Scp03.derivationData(constant, bits, context);
        byte[] out = new byte[16];
        cmac(baseKey, null, data, 0, data.length, out, 0);
        return java.util.Arrays.copyOf(out, bits / 8);
    }

    /** The SCP03 KDF with a raw key value. */
    public byte[] kdf(byte[] baseKey, byte constant, int bits, byte[] context) {
        scratch.setKey(baseKey, (short) 0);
        try {
            return kdf(scratch, constant, bits, context);
        } finally {
            scratch.clearKey();
        }
    }

    /** Three-byte KCV of a raw AES key: AES(key, 16 x '01'). */
    public byte[] kcv(byte[] keyValue) {
        byte[] block = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        scratch.setKey(keyValue, (short) 0);
        try {
            encryptBlock(scratch, block);
        } finally {
            scratch.clearKey();
        }
        return java.util.Arrays.copyOf(block, 3);
    }
}
