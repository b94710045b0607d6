package dev.inkan.se.scp03;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Bytes;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * Host side of the SCP03 explicit secure channel initiation (GP 2.3 Amd D 6.2.1-6.2.3):
 * INITIALIZE UPDATE, card cryptogram check, optional check of the pseudo-random card challenge,
 * host cryptogram and EXTERNAL AUTHENTICATE. The result is a {@link SecureChannelTransport}.
 */
public final class Scp03Host {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Scp03Host() {
    }

    /** Options of one channel opening. */
    public record Options(int securityLevel, int channel, byte[] hostChallenge, byte[] expectedSdAid) {
        public static Options level(int securityLevel) {
            return new Options(securityLevel, 0, null, null);
        }

        public Options onChannel(int ch) {
            return new Options(securityLevel, ch, hostChallenge, expectedSdAid);
        }

        public Options withHostChallenge(byte[] challenge) {
            return new Options(securityLevel, channel, challenge.clone(), expectedSdAid);
        }

        /** Also verify that the card challenge is KDF(key-ENC, counter | this AID) (Amd D 6.2.2.1). */
        public Options verifyingChallengeFor(byte[] sdAid) {
            return new Options(securityLevel, channel, hostChallenge, sdAid.clone());
        }
    }

    /** The INITIALIZE UPDATE command (Amd D 7.1.1): CLA '80', P1 = KVN, P2 = '00', Le '00'. */
    public static byte[] initializeUpdate(int channel, int kvn, byte[] hostChallenge) {
        if (hostChallenge.length != Scp03.S8) {
            throw new IllegalArgumentException("host challenge is 8 bytes");
        }
        byte[] c = new byte[5 + 8 + 1];
        c[0] = Cla.withChannel((byte) 0x80, channel);
        c[1] = Ins.INITIALIZE_UPDATE;
        c[2] = (byte) kvn;
        c[4] = 0x08;
        System.arraycopy(hostChallenge, 0, c, 5, 8);
        return c;
    }

    /**
     * Opens a secure channel with the selected security domain (or application forwarding to its
     * domain) reachable through {@code transport}, with the keys {@code hostKeys} gives for the
     * key diversification data the card answers with.
     *
     * @throws dev.inkan.se.apdu.StatusWordException when the card refuses a command
     * @throws SecurityException when the card cryptogram or card challenge is wrong
     */
    public static SecureChannelTransport open(Transport transport, HostKeys hostKeys, Options options) throws IOException {
        byte[] hostChallenge = options.hostChallenge() != null ? options.hostChallenge() : randomChallenge();
        byte[] response = Sw.check(transport.transmit(initializeUpdate(options.channel(), hostKeys.kvn(), hostChallenge)));
        InitializeUpdateResponse iu = InitializeUpdateResponse.parse(response);
        // the card's own keys; with diversified keys a rewritten KDD yields keys the card cryptogram refutes
        StaticKeys keys = hostKeys.forCard(iu.keyDiversificationData());
        Handshake h = handshake(keys, hostChallenge, iu);
        if (options.expectedSdAid() != null) {
            byte[] expected = HostCrypto.kdf(keys.enc(), Scp03.DERIVE_CARD_CHALLENGE, 64,
                    Scp03.challengeContext(iu.sequenceCounter(), options.expectedSdAid()));
            if (!Bytes.constantTimeEquals(expected, iu.cardChallenge())) {
                throw new SecurityException("card challenge is not the pseudo-random one for this counter and AID");
            }
        }
        byte[] ea = h.wrapper().externalAuthenticate(options.channel(), options.securityLevel(), h.hostCryptogram());
        Sw.check(transport.transmit(ea));
        return new SecureChannelTransport(transport, h.wrapper(), iu, options.securityLevel(), options.channel());
    }

    /** Session keys, verified card cryptogram and host cryptogram for one INITIALIZE UPDATE response. */
    public record Handshake(HostWrapper wrapper, byte[] hostCryptogram, byte[] sEnc, byte[] sMac, byte[] sRmac) {
    }

    /**
     * Derives the session keys (Amd D 6.2.1), checks the card cryptogram (6.2.2.2) and computes the
     * host cryptogram (6.2.2.3).
     */
    public static Handshake handshake(StaticKeys keys, byte[] hostChallenge, InitializeUpdateResponse iu) {
        if (iu.kvn() != keys.kvn() && keys.kvn() != 0) {
            throw new SecurityException("card answered with key version " + iu.kvn() + ", not " + keys.kvn());
        }
        if ((iu.iParameter() & 0x10) == 0) {
            throw new SecurityException("card does not use pseudo-random challenges (i=" + iu.iParameter() + ")");
        }
        byte[] context = Bytes.concat(hostChallenge, iu.cardChallenge());
        // session keys as long as the static keys (Amd D 6.2.1: AES-128 or AES-256)
        int bits = keys.enc().length * 8;
        byte[] sEnc = HostCrypto.kdf(keys.enc(), Scp03.DERIVE_S_ENC, bits, context);
        byte[] sMac = HostCrypto.kdf(keys.mac(), Scp03.DERIVE_S_MAC, bits, context);
        byte[] sRmac = HostCrypto.kdf(keys.mac(), Scp03.DERIVE_S_RMAC, bits, context);
        byte[] cardCryptogram = HostCrypto.kdf(sMac, Scp03.DERIVE_CARD_CRYPTOGRAM, 64, context);
        if (!Bytes.constantTimeEquals(cardCryptogram, iu.cardCryptogram())) {
            throw new SecurityException("card cryptogram mismatch: wrong key set or not our card");
        }
        byte[] hostCryptogram = HostCrypto.kdf(sMac, Scp03.DERIVE_HOST_CRYPTOGRAM, 64, context);
        return new Handshake(new HostWrapper(sEnc, sMac, sRmac), hostCryptogram, sEnc, sMac, sRmac);
    }

    private static byte[] randomChallenge() {
        byte[] c = new byte[8];
        RANDOM.nextBytes(c);
        return c;
    }
}
