package dev.inkan.se.scp03;

import dev.inkan.se.util.Hex;

/**
 * An SCP03 static key set as the host knows it: key version number and the AES keys ENC, MAC and
 * DEK (GP 2.3 Amd D 5.1.1), all AES-128 or all AES-256.
 */
public record StaticKeys(int kvn, byte[] enc, byte[] mac, byte[] dek) implements HostKeys {
    public StaticKeys {
        if (kvn < 0 || kvn > 0xFF) {
            throw new IllegalArgumentException("KVN " + kvn);
        }
        for (byte[] k : new byte[][] {enc, mac, dek}) {
            if (k == null || !Scp03.keyLength(k.length) || k.length != enc.length) {
                throw new IllegalArgumentException("SCP03 keys here are AES-128 or AES-256 (16 or 32 bytes), all three alike");
            }
        }
        enc = enc.clone();
        mac = mac.clone();
        dek = dek.clone();
    }

    /** The same set whatever card answers: the keys are not diversified. */
    @Override
    public StaticKeys forCard(byte[] keyDiversificationData) {
        return this;
    }

    /** Parses hex keys. */
    public static StaticKeys of(int kvn, String enc, String mac, String dek) {
        return new StaticKeys(kvn, Hex.decode(enc), Hex.decode(mac), Hex.decode(dek));
    }

    @Override
    public byte[] enc() {
        return enc.clone();
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public byte[] dek() {
        return dek.clone();
    }

    /** A copy with another key version number. */
    public StaticKeys withKvn(int newKvn) {
        return new StaticKeys(newKvn, enc, mac, dek);
    }

    @Override
    public String toString() {
        return "StaticKeys[kvn=" + Hex.byteHex(kvn) + ", kcv enc/mac/dek=" + Hex.encode(HostCrypto.kcv(enc))
                + "/" + Hex.encode(HostCrypto.kcv(mac)) + "/" + Hex.encode(HostCrypto.kcv(dek)) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StaticKeys s && s.kvn == kvn && java.util.Arrays.equals(s.enc, enc)
                && java.util.Arrays.equals(s.mac, mac) && java.util.Arrays.equals(s.dek, dek);
    }

    @Override
    public int hashCode() {
        return kvn;
    }
}
