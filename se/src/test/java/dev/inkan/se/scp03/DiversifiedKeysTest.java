package dev.inkan.se.scp03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Per-card keys from a master set (KDF3): the public vectors, and on a simulated SE whose ISD holds
 * the keys diversified for its own KDD: the master opens it, another card's keys do not, and a
 * relay that rewrites the KDD in the INITIALIZE UPDATE answer is caught by the card cryptogram.
 */
class DiversifiedKeysTest {
    private static final StaticKeys MASTER = StaticKeys.of(0x30, Defaults.TEST_KEY, Defaults.TEST_KEY,
            Defaults.TEST_KEY);

    /** GlobalPlatformPro's vector for "kdf3:default": master 40..4F, KDD 00..09, KCVs of ENC, MAC, DEK. */
    @Test
    void matchesThePublicAes128Vector() {
        StaticKeys card = new DiversifiedKeys(MASTER).forCard(Hex.decode("00010203040506070809"));
        assertEquals("E79C05", Hex.encode(HostCrypto.kcv(card.enc())));
        assertEquals("D1BD77", Hex.encode(HostCrypto.kcv(card.mac())));
        assertEquals("3FDE8C", Hex.encode(HostCrypto.kcv(card.dek())));
        assertEquals(0x30, card.kvn());
    }

    /** GlobalPlatformPro's AES-256 vector: two counter blocks make the 32-byte ENC key. */
    @Test
    void matchesThePublicAes256Vector() {
        String master = "8C72C72CF908411653018807950D82FBAD947562F0828A0B10B8B9606ABF3BCD";
        StaticKeys card = new DiversifiedKeys(StaticKeys.of(0x01, master, master, master))
                .forCard(Hex.decode("D9B1DE5D0362DEDCE4FB"));
        assertEquals("9AAC5D0B3601F89438A0D9D0B6B256CFB47E6462DFA5228D3420C4AC7C224781", Hex.encode(card.enc()));
    }

    @Test
    void eachCardAndEachPurposeHasItsOwnKey() {
        DiversifiedKeys keys = new DiversifiedKeys(MASTER);
        StaticKeys a = keys.forCard(Hex.decode("00000000000000000001"));
        StaticKeys b = keys.forCard(Hex.decode("00000000000000000002"));
        assertFalse(Arrays.equals(a.enc(), b.enc()));
        assertFalse(Arrays.equals(a.enc(), a.mac()));
        assertFalse(Arrays.equals(a.mac(), a.dek()));
        assertEquals(a, keys.forCard(Hex.decode("00000000000000000001")));
        assertThrows(IllegalArgumentException.class, () -> keys.forCard(new byte[9]));
    }

    @Test
    void theMasterOpensEachCardWithItsOwnKeysAndNoOther() throws Exception {
        try (SecureElement one = card("11223344556677889900"); SecureElement two = card("99887766554433221100")) {
            DiversifiedKeys keys = new DiversifiedKeys(MASTER);
            assertTrue(opens(one, keys));
            assertTrue(opens(two, keys));
            StaticKeys onesKeys = keys.forCard(Hex.decode("11223344556677889900"));
            assertTrue(opens(one, onesKeys));
            SecurityException e = assertThrows(SecurityException.class, () -> open(two, onesKeys));
            assertTrue(e.getMessage().contains("card cryptogram"), e.getMessage());
            // the master itself is no card's key
            assertThrows(SecurityException.class, () -> open(one, MASTER));
        }
    }

    /** A relay that puts another card's KDD in the answer makes the host derive keys the card cryptogram refutes. */
    @Test
    void aRewrittenKeyDiversificationDataIsCaught() throws Exception {
        try (SecureElement two = card("99887766554433221100")) {
            byte[] claimed = Hex.decode("11223344556677889900");
            Transport lying = command -> {
                byte[] r = two.contact().transmit(command);
                if (command[1] == (byte) 0x50 && Sw.of(r) == Sw.OK) {
                    r = r.clone();
                    System.arraycopy(claimed, 0, r, 0, claimed.length);
                }
                return r;
            };
            Sw.check(two.transmit(GpCommands.select(TestSe.ISD)));
            SecurityException e = assertThrows(SecurityException.class, () -> Scp03Host.open(lying,
                    new DiversifiedKeys(MASTER), Scp03Host.Options.level(0x33)));
            assertTrue(e.getMessage().contains("card cryptogram"), e.getMessage());
        }
    }

    /** An SE whose ISD holds the master's keys diversified for {@code kdd}. */
    private static SecureElement card(String kdd) {
        StaticKeys own = new DiversifiedKeys(MASTER).forCard(Hex.decode(kdd));
        SeConfig c = new SeConfig();
        c.isd.keyDiversificationData = kdd;
        SeConfig.KeySet k = c.isd.keySets.get(0);
        k.enc = Hex.encode(own.enc());
        k.mac = Hex.encode(own.mac());
        k.dek = Hex.encode(own.dek());
        return TestSe.start(c.validate());
    }

    private static boolean opens(SecureElement se, HostKeys keys) throws Exception {
        SecureChannelTransport sc = open(se, keys);
        return Sw.of(sc.transmit(GpCommands.getData(0x9F7F))) == Sw.OK;
    }

    private static SecureChannelTransport open(SecureElement se, HostKeys keys) throws Exception {
        Sw.check(se.transmit(GpCommands.select(TestSe.ISD)));
        return Scp03Host.open(se.contact(), keys, Scp03Host.Options.level(0x33).verifyingChallengeFor(TestSe.ISD.bytes()));
    }
}
