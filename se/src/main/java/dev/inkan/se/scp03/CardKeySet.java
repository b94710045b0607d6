package dev.inkan.se.scp03;

import dev.inkan.se.util.Hex;

/**
 * One SCP03 key set as a security domain stores it: KVN, AES keys ENC, MAC and DEK (all AES-128
 * or all AES-256), and the
 * sequence counter of this key set (GP 2.3 Amd D 6.2.2.1: one counter per key set).
 */
public final class CardKeySet {
    private final int kvn;
    private final byte[] enc;
    private final byte[] mac;
    private final byte[] dek;
    private int sequenceCounter;

    public CardKeySet(int kvn, byte[] enc, byte[] mac, byte[] dek, int sequenceCounter) {
        if (kvn < 1 || kvn > 0xFF) {
            throw new IllegalArgumentException("KVN must be 01..FF, not " + kvn);
        }
        if (!Scp03.keyLength(enc.length) || mac.length != enc.length || dek.length != enc.length) {
            throw new IllegalArgumentException("AES-128 or AES-256 keys expected, all three alike");
        }
        if (sequenceCounter < 0 || sequenceCounter > Scp03.MAX_SEQUENCE_COUNTER) {
            throw new IllegalArgumentException("sequence counter " + sequenceCounter);
        }
        this.kvn = kvn;
        this.enc = enc.clone();
        this.mac = mac.clone();
        this.dek = dek.clone();
        this.sequenceCounter = sequenceCounter;
    }

    public int kvn() {
        return kvn;
    }

    public byte[] enc() {
        return enc.clone();
    }

    public byte[] mac() {
        return mac.clone();
    }

    public byte[] dek() {
        return dek.clone();
    }

    /** The counter value the next INITIALIZE UPDATE will use. */
    public int sequenceCounter() {
        return sequenceCounter;
    }

    /** True when the counter reached its maximum and no session can be opened any more. */
    public boolean exhausted() {
        return sequenceCounter >= Scp03.MAX_SEQUENCE_COUNTER;
    }

    /** Returns the current counter value and advances it; the caller persists the change. */
    int consumeCounter() {
        if (exhausted()) {
            throw new IllegalStateException("sequence counter exhausted");
        }
        return sequenceCounter++;
    }

    /** A copy with another KVN and a fresh counter (PUT KEY replacing or adding a key set). */
    public CardKeySet copy(int newKvn, int counter) {
        return new CardKeySet(newKvn, enc, mac, dek, counter);
    }

    @Override
    public String toString() {
        return "KeySet[" + Hex.byteHex(kvn) + ", counter " + sequenceCounter + "]";
    }
}
