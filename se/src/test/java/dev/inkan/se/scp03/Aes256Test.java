package dev.inkan.se.scp03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Bytes;
import dev.inkan.se.util.Hex;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.KDFCounterBytesGenerator;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KDFCounterParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * SCP03 with AES-256 static keys (GP 2.3 Amd D: AES-128, -192 or -256; here 128 and 256): the
 * KDF's two iterations checked against BouncyCastle's own SP 800-108 counter-mode generator,
 * sessions at every level on both sides, PUT KEY of an AES-256 set, and mixed lengths refused.
 */
class Aes256Test {
    static final String K256 = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
    static final StaticKeys KEYS_256 = StaticKeys.of(0x30, K256, "20" + K256.substring(2), "40" + K256.substring(2));

    /** The SCP03 KDF as BouncyCastle's counter-mode KDF sees it: the counter byte sits between label|00|L and the context. */
    static byte[] independentKdf(byte[] key, byte constant, int bits, byte[] context) {
        byte[] prefix = new byte[15];
        prefix[11] = constant;
        prefix[13] = (byte) (bits >>> 8);
        prefix[14] = (byte) bits;
        KDFCounterBytesGenerator g = new KDFCounterBytesGenerator(new CMac(AESEngine.newInstance()));
        g.init(new KDFCounterParameters(key, prefix, context, 8));
        byte[] out = new byte[bits / 8];
        g.generateBytes(out, 0, out.length);
        return out;
    }

    @Test
    void theKdfAgreesWithAnIndependentCounterModeKdf() {
        byte[] context = Hex.decode("FDF38259A1E0DE443B1ACA81E821F219");
        for (byte[] key : new byte[][] {Hex.decode(K256), Hex.decode(K256.substring(0, 32))}) {
            for (int bits : new int[] {64, 128, 256}) {
                assertArrayEquals(independentKdf(key, Scp03.DERIVE_S_ENC, bits, context),
                        HostCrypto.kdf(key, Scp03.DERIVE_S_ENC, bits, context), key.length + "-byte key, " + bits + " bits");
                assertArrayEquals(HostCrypto.kdf(key, Scp03.DERIVE_S_MAC, bits, context),
                        new CardCrypto().kdf(key, Scp03.DERIVE_S_MAC, bits, context), "card and host agree");
            }
        }
    }

    static SecureElement se256() {
        SeConfig c = new SeConfig();
        c.isd.minimumSecurityLevel = "00";
        SeConfig.KeySet ks = c.isd.keySets.get(0);
        ks.enc = Hex.encode(KEYS_256.enc());
        ks.mac = Hex.encode(KEYS_256.mac());
        ks.dek = Hex.encode(KEYS_256.dek());
        return TestSe.start(c);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x03, 0x11, 0x13, 0x33})
    void aes256SessionsAtEveryLevel(int level) throws Exception {
        try (SecureElement se = se256()) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            SecureChannelTransport sc = Scp03Host.open(se.contact(), KEYS_256,
                    Scp03Host.Options.level(level).verifyingChallengeFor(TestSe.ISD.bytes()));
            byte[] data = TestSe.ok(sc, GpCommands.getStatus(0x80, new byte[0], false));
            assertArrayEquals(TestSe.ISD.bytes(), Tlv.parseAll(data, 0, data.length).get(0).find(0x4F).value());
            // the key information template says AES, 32 bytes
            byte[] info = TestSe.ok(sc, GpCommands.getData(0xE0));
            assertTrue(Hex.encode(info).contains("C00401308820"), Hex.encode(info));
            // AES-128 keys do not open an AES-256 key set
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            assertThrows(SecurityException.class, () -> Scp03Host.open(se.contact(), TestSe.ISD_KEYS,
                    Scp03Host.Options.level(level)));
        }
    }

    @Test
    void putKeyReplacesAnAes128SetWithAnAes256OneAndRefusesMixedLengths() throws Exception {
        try (SecureElement se = TestSe.start()) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            SecureChannelTransport sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
            // mixed: AES-256 ENC and MAC with an AES-128 DEK, each component well formed
            byte[] dek = TestSe.ISD_KEYS.dek();
            byte[] mixed = Bytes.concat(new byte[] {0x30}, component(KEYS_256.enc(), dek), component(KEYS_256.mac(), dek),
                    component(TestSe.ISD_KEYS.dek(), dek));
            assertEquals(0x6A80, Sw.of(sc.transmit(dev.inkan.se.apdu.CommandApdu.build(0x80, 0xD8, 0x30, 0x81, mixed, 256))));
            // the whole AES-256 set
            byte[] r = TestSe.ok(sc, GpCommands.putKeySet(0x30, KEYS_256, TestSe.ISD_KEYS.dek()));
            assertArrayEquals(GpCommands.expectedPutKeyResponse(KEYS_256), r);
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            SecureChannelTransport sc256 = Scp03Host.open(se.contact(), KEYS_256, Scp03Host.Options.level(0x33)
                    .verifyingChallengeFor(TestSe.ISD.bytes()));
            assertEquals(0x9000, Sw.of(sc256.transmit(GpCommands.getStatus(0x80, new byte[0], false))));
        }
    }

    /** One PUT KEY key component: type '88', length, key length, the key under the DEK, KCV. */
    static byte[] component(byte[] key, byte[] dek) {
        return Bytes.concat(new byte[] {(byte) 0x88, (byte) (key.length + 1), (byte) key.length},
                HostCrypto.cbcEncrypt(dek, new byte[16], key), new byte[] {3}, HostCrypto.kcv(key));
    }

    @Test
    void aConfigurationWithAes192OrMixedKeysIsRefused() {
        SeConfig c = new SeConfig();
        c.isd.keySets.get(0).enc = K256.substring(0, 48);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::validate);
        assertTrue(e.getMessage().contains("AES-128 or AES-256"), e.getMessage());
        SeConfig m = new SeConfig();
        m.isd.keySets.get(0).enc = K256;
        assertThrows(IllegalArgumentException.class, m::validate, "AES-256 ENC with AES-128 MAC and DEK");
        assertThrows(IllegalArgumentException.class, () -> StaticKeys.of(0x30, K256, K256.substring(0, 32), K256));
    }
}
