package dev.inkan.se.scp03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.se.util.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The published SCP03 vectors of ../shared/vectors/scp03.md, on the host side and the card side. */
class Scp03VectorTest {
    static final StaticKeys KEYS = StaticKeys.of(0x30, "000102030405060708090A0B0C0D0E0F",
            "101112131415161718191A1B1C1D1E1F", "202122232425262728292A2B2C2D2E2F");
    static final byte[] HOST_CHALLENGE = Hex.decode("FDF38259A1E0DE44");
    static final byte[] IU_RESPONSE = Hex.decode("00000000000000000000 300370 3B1ACA81E821F219 081CDC01C26B372D 000003");
    static final byte[] EXT_AUTH = Hex.decode("84 82 33 00 10 8C36F96BCC00724A 4E13AD591D7DA3F0");
    static final byte[] PLAIN = Hex.decode("80 E2 91 00 06 BF3E035C015A 00");
    static final byte[] WRAPPED = Hex.decode("84 E2 91 00 18 267A85DFE4A98FCA6FB0527E0DFECCE4 914E40401433C87F 00");

    @Test
    void aesCmacRfc4493() {
        byte[] key = Hex.decode("2B7E151628AED2A6ABF7158809CF4F3C");
        assertEquals("BB1D6929E95937287FA37D129B756746", Hex.encode(HostCrypto.cmac(key, new byte[0])));
        assertEquals("070A16B46B4D4144F79BDD9DD04A287C",
                Hex.encode(HostCrypto.cmac(key, Hex.decode("6BC1BEE22E409F96E93D7E117393172A"))));
        CardCrypto card = new CardCrypto();
        byte[] out = new byte[16];
        byte[] msg = Hex.decode("6BC1BEE22E409F96E93D7E117393172A");
        card.cmac(CardCrypto.key(key), null, msg, 0, msg.length, out, 0);
        assertEquals("070A16B46B4D4144F79BDD9DD04A287C", Hex.encode(out));
        card.cmac(CardCrypto.key(key), null, new byte[0], 0, 0, out, 0);
        assertEquals("BB1D6929E95937287FA37D129B756746", Hex.encode(out));
    }

    @Test
    void hostSideDerivesSessionKeysCryptogramsAndWrapsFirstCommand() {
        InitializeUpdateResponse iu = InitializeUpdateResponse.parse(IU_RESPONSE);
        assertEquals(0x30, iu.kvn());
        assertEquals(0x70, iu.iParameter());
        assertEquals(3, iu.sequenceCounter());
        Scp03Host.Handshake h = Scp03Host.handshake(KEYS, HOST_CHALLENGE, iu);
        assertEquals("BC5689F3A0B783A9ED6DA1C5C6BC1F99", Hex.encode(h.sEnc()));
        assertEquals("0415F56CBB9E488BB171B2B66081F004", Hex.encode(h.sMac()));
        assertEquals("1EE185123244E047BC9D68B914BD1FBE", Hex.encode(h.sRmac()));
        assertEquals("8C36F96BCC00724A", Hex.encode(h.hostCryptogram()));
        assertArrayEquals(EXT_AUTH, h.wrapper().externalAuthenticate(0, 0x33, h.hostCryptogram()));
        assertArrayEquals(WRAPPED, h.wrapper().wrap(PLAIN));
        assertEquals(1, h.wrapper().counter());
    }

    @Test
    void hostSideInitializeUpdateCommand() {
        assertEquals("8050300008FDF38259A1E0DE4400",
                Hex.encode(Scp03Host.initializeUpdate(0, 0x30, HOST_CHALLENGE)));
    }

    @Test
    void keyCheckValues() {
        assertEquals("C35280", Hex.encode(HostCrypto.kcv(KEYS.enc())));
        assertEquals("013808", Hex.encode(HostCrypto.kcv(KEYS.mac())));
        assertEquals("840DE5", Hex.encode(HostCrypto.kcv(KEYS.dek())));
        CardCrypto card = new CardCrypto();
        assertEquals("C35280", Hex.encode(card.kcv(KEYS.enc())));
        assertEquals("013808", Hex.encode(card.kcv(KEYS.mac())));
        assertEquals("840DE5", Hex.encode(card.kcv(KEYS.dek())));
    }

    @Test
    void cardSideVerifiesExternalAuthenticateAndUnwrapsFirstCommand() {
        CardKeySet ks = new CardKeySet(0x30, KEYS.enc(), KEYS.mac(), KEYS.dek(), 3);
        CardSession session = new CardSession(new FixedKeys(ks, Hex.decode("A000000151000000")));
        session.initializeForTest(ks, HOST_CHALLENGE, Hex.decode("3B1ACA81E821F219"));
        assertEquals("081CDC01C26B372D", Hex.encode(session.cardCryptogramForTest()));
        session.externalAuthenticate(EXT_AUTH, 0, EXT_AUTH.length);
        assertEquals(0xB3, session.securityLevel());
        byte[] buf = Arrays.copyOf(WRAPPED, 261);
        int n = session.unwrap(buf, 0, WRAPPED.length);
        assertEquals("80E2910006BF3E035C015A", Hex.encode(buf, 0, n));
    }

    @Test
    void cardSideDerivesTheSameCardChallengeAsTheHostKdf() {
        byte[] aid = Hex.decode("A000000151000000");
        CardKeySet ks = new CardKeySet(0x30, KEYS.enc(), KEYS.mac(), KEYS.dek(), 7);
        CardSession session = new CardSession(new FixedKeys(ks, aid));
        byte[] response = session.initializeUpdate(0x30, 0, HOST_CHALLENGE);
        InitializeUpdateResponse iu = InitializeUpdateResponse.parse(response);
        assertEquals(7, iu.sequenceCounter());
        assertEquals(8, ks.sequenceCounter());
        byte[] expected = HostCrypto.kdf(KEYS.enc(), Scp03.DERIVE_CARD_CHALLENGE, 64, Scp03.challengeContext(7, aid));
        assertArrayEquals(expected, iu.cardChallenge());
        // and the host accepts the card cryptogram
        Scp03Host.handshake(KEYS, HOST_CHALLENGE, iu);
    }

    /** A one-key-set domain for unit tests. */
    static final class FixedKeys implements CardKeys {
        private final CardKeySet ks;
        private final byte[] aid;

        FixedKeys(CardKeySet ks, byte[] aid) {
            this.ks = ks;
            this.aid = aid;
        }

        @Override
        public CardKeySet find(int kvn) {
            return kvn == 0 || kvn == ks.kvn() ? ks : null;
        }

        @Override
        public byte[] sdAid() {
            return aid;
        }

        @Override
        public byte[] keyDiversificationData() {
            return new byte[10];
        }

        @Override
        public int minimumSecurityLevel() {
            return 0;
        }

        @Override
        public void counterAdvanced(CardKeySet keySet) {
        }
    }
}
