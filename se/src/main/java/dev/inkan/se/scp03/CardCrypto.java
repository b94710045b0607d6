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
    private final AESKey scratch128 = newKey(16);
    private final AESKey scratch256 = newKey(32);
    private final byte[] zeroIv = new byte[16];

    /** A fresh uninitialised AES-128 key object. */
    public static AESKey newKey() {
        return newKey(16);
    }

    /** A fresh uninitialised AES key object of {@code bytes} (16 or 32). */
    public static AESKey newKey(int bytes) {
        if (!Scp03.keyLength(bytes)) {
            throw new IllegalArgumentException("AES-128 or AES-256, not " + bytes + " bytes");
        }
        return (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES,
                bytes == 32 ? KeyBuilder.LENGTH_AES_256 : KeyBuilder.LENGTH_AES_128, false);
    }

    /** A key object holding {@code value}. */
    public static AESKey key(byte[] value) {
        AESKey k = newKey(value.length);
        k.setKey(value, (short) 0);
        return k;
    }

    private AESKey scratch(byte[] value) {
        AESKey k = value.length == 32 ? scratch256 : scratch128;
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

    /** The SCP03 KDF with {@code baseKey} as PRF key; returns {@code bits}/8 bytes, one CMAC per 128 bits. */
    public byte[] kdf(AESKey baseKey, byte constant, int bits, byte[] context) {
        byte[] out = new byte[(bits + 127) / 128 * 16];
        for (int i = 1; (i - 1) * 128 < bits; i++) {
            byte[] data = Scp03.derivationData(constant, bits, context, i);
            cmac(baseKey, null, data, 0, data.length, out, (i - 1) * 16);
        }
        return java.util.Arrays.copyOf(out, bits / 8);
    }

    /** The SCP03 KDF with a raw key value. */
    public byte[] kdf(byte[] baseKey, byte constant, int bits, byte[] context) {
        AESKey k = scratch(baseKey);
        try {
            return kdf(k, constant, bits, context);
        } finally {
            k.clearKey();
        }
    }

    /** Three-byte KCV of a raw AES key: AES(key, 16 x '01'). */
    public byte[] kcv(byte[] keyValue) {
        byte[] block = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        AESKey k = scratch(keyValue);
        try {
            encryptBlock(k, block);
        } finally {
            k.clearKey();
        }
        return java.util.Arrays.copyOf(block, 3);
    }
}
