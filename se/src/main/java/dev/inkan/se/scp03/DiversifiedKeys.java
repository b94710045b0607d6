package dev.inkan.se.scp03;

import java.util.Arrays;

/**
 * Per-card SCP03 keys from a master key set ("KDF3", as GlobalPlatformPro names it): each card key
 * is the SP 800-108 counter-mode AES-CMAC KDF of the master key (one-byte counter first, no
 * label) over {@code 00 00 00 0C 00 | KDD}, where C is 1 for ENC, 2 for MAC and 3 for DEK and KDD
 * is the card's 10-byte key diversification data from INITIALIZE UPDATE; as long as the master key.
 * The host keeps only the master; every card holds its own set, so a set extracted from one SE
 * opens no other, and a relay that rewrites the KDD of an answer gets a card cryptogram that does
 * not verify.
 */
public record DiversifiedKeys(StaticKeys master) implements HostKeys {
    private static final int ENC = 1;
    private static final int MAC = 2;
    private static final int DEK = 3;

    @Override
    public int kvn() {
        return master.kvn();
    }

    @Override
    public StaticKeys forCard(byte[] kdd) {
        if (kdd == null || kdd.length != Scp03.KDD_LENGTH) {
            throw new IllegalArgumentException("key diversification data is " + Scp03.KDD_LENGTH + " bytes");
        }
        return new StaticKeys(master.kvn(), derive(master.enc(), ENC, kdd), derive(master.mac(), MAC, kdd),
                derive(master.dek(), DEK, kdd));
    }

    /** One card key: blocks CMAC(master, i | 00 00 00 c 00 | kdd) for i = 1, 2, ... until the master's length. */
    static byte[] derive(byte[] masterKey, int purpose, byte[] kdd) {
        byte[] out = new byte[(masterKey.length + 15) / 16 * 16];
        for (int i = 1; (i - 1) * 16 < masterKey.length; i++) {
            byte[] input = new byte[1 + 5 + kdd.length];
            input[0] = (byte) i;
            input[4] = (byte) purpose;
            System.arraycopy(kdd, 0, input, 6, kdd.length);
            System.arraycopy(HostCrypto.cmac(masterKey, input), 0, out, (i - 1) * 16, 16);
        }
        return Arrays.copyOf(out, masterKey.length);
    }

    @Override
    public String toString() {
        return "DiversifiedKeys[" + master + "]";
    }
}
