package dev.inkan.se.scp03;

import dev.inkan.se.util.Bytes;
import dev.inkan.se.util.Hex;

/**
 * The INITIALIZE UPDATE response data for SCP03 with i = '70' in S8 mode (GP 2.3 Amd D 7.1.1.6):
 * key diversification data (10), key information (KVN, '03', i), card challenge (8), card
 * cryptogram (8), sequence counter (3).
 */
public record InitializeUpdateResponse(byte[] keyDiversificationData, int kvn, int scpId, int iParameter,
                                       byte[] cardChallenge, byte[] cardCryptogram, int sequenceCounter) {

    /** Parses the response data; throws {@link IllegalArgumentException} when it is not SCP03 i=70. */
    public static InitializeUpdateResponse parse(byte[] data) {
        if (data.length != Scp03.INIT_UPDATE_RESPONSE_LENGTH) {
            throw new IllegalArgumentException("INITIALIZE UPDATE response of " + data.length
                    + " bytes, expected " + Scp03.INIT_UPDATE_RESPONSE_LENGTH + ": " + Hex.encode(data));
        }
        int scp = data[11] & 0xFF;
        if (scp != Scp03.SCP_ID) {
            throw new IllegalArgumentException("card speaks SCP" + Hex.byteHex(scp) + ", not SCP03");
        }
        return new InitializeUpdateResponse(Bytes.slice(data, 0, 10), data[10] & 0xFF, scp, data[12] & 0xFF,
                Bytes.slice(data, 13, 8), Bytes.slice(data, 21, 8), (int) Bytes.unsignedBigEndian(data, 29, 3));
    }

    @Override
    public byte[] cardChallenge() {
        return cardChallenge.clone();
    }

    @Override
    public byte[] cardCryptogram() {
        return cardCryptogram.clone();
    }

    @Override
    public byte[] keyDiversificationData() {
        return keyDiversificationData.clone();
    }
}
