package dev.inkan.se.gp;

import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.CardKeySet;
import dev.inkan.se.scp03.CardSession;
import dev.inkan.se.scp03.Scp03;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PUT KEY for SCP03 AES-128 key sets (GP Card Spec 2.3 section 11.8 with Amd D): P1 = KVN to
 * replace ('00' adds a key set), P2 = KID of the first key, b8 set for several keys ('81' = the
 * whole set ENC, MAC, DEK). Data: new KVN, then per key: type '88', length, key component block
 * (the key encrypted with the static DEK of the session, AES-CBC with zero IV; 16 or 32 bytes,
 * or a length byte '10' or '20' and the key), KCV length and KCV. Response: new KVN and the KCVs.
 */
final class PutKeyHandler {
    private PutKeyHandler() {
    }

    private record KeyComponent(byte[] value, byte[] kcv) {
    }

    static Response handle(SdContext ctx, CommandApdu p) {
        int oldKvn = p.p1() & 0x7F;
        int p2 = p.p2() & 0xFF;
        boolean multiple = (p2 & 0x80) != 0;
        int firstKid = p2 & 0x7F;
        if (firstKid < 1 || firstKid > 3 || (multiple && firstKid != 1)) {
            return Response.sw(Sw.INCORRECT_P1P2);
        }
        byte[] data = p.data();
        if (data.length < 1) {
            return Response.sw(Sw.WRONG_DATA);
        }
        int newKvn = data[0] & 0xFF;
        if (newKvn == 0 || newKvn > 0x7F) {
            return Response.sw(Sw.WRONG_DATA);
        }
        CardSession session = ctx.session();
        List<KeyComponent> keys = parseKeys(session, data);
        if (keys == null) {
            return Response.sw(Sw.WRONG_DATA);
        }
        if (keys.size() != (multiple ? 3 : 1)) {
            return Response.sw(Sw.WRONG_DATA);
        }
        SdData sd = ctx.sd().sd();
        CardKeySet existing = oldKvn == 0 ? null : sd.find(oldKvn);
        if (oldKvn != 0 && existing == null) {
            return Response.sw(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (newKvn != oldKvn && sd.find(newKvn) != null) {
            return Response.sw(Sw.WRONG_DATA);
        }
        byte[][] v;
        if (multiple) {
            v = new byte[][] {keys.get(0).value(), keys.get(1).value(), keys.get(2).value()};
        } else {
            if (existing == null || newKvn != oldKvn) {
                return Response.sw(Sw.WRONG_DATA);
            }
            v = new byte[][] {existing.enc(), existing.mac(), existing.dek()};
            v[firstKid - 1] = keys.get(0).value();
        }
        // a key set is all AES-128 or all AES-256
        if (v[1].length != v[0].length || v[2].length != v[0].length) {
            return Response.sw(Sw.WRONG_DATA);
        }
        CardKeySet replacement = new CardKeySet(newKvn, v[0], v[1], v[2], multiple ? 0 : existing.sequenceCounter());
        if (existing == null) {
            if (sd.keySets().size() >= SdData.MAX_KEY_SETS) {
                return Response.sw(Sw.NOT_ENOUGH_MEMORY);
            }
            sd.addKeySet(replacement);
        } else {
            sd.replaceKeySet(oldKvn, replacement);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(newKvn);
        for (KeyComponent k : keys) {
            out.writeBytes(k.kcv());
        }
        for (KeyComponent k : keys) {
            Arrays.fill(k.value(), (byte) 0);
        }
        return Response.ok(out.toByteArray());
    }

    /** Parses and decrypts the key data fields; null when malformed or a KCV does not match. */
    private static List<KeyComponent> parseKeys(CardSession session, byte[] data) {
        List<KeyComponent> out = new ArrayList<>();
        int pos = 1;
        while (pos < data.length) {
            if (pos + 2 > data.length || data[pos] != Scp03.KEY_TYPE_AES) {
                return null;
            }
            int len = data[pos + 1] & 0xFF;
            pos += 2;
            if (pos + len > data.length) {
                return null;
            }
            // the key component: the encrypted key (16 or 32 bytes), or its length byte and the encrypted key
            byte[] block;
            if (Scp03.keyLength(len)) {
                block = Arrays.copyOfRange(data, pos, pos + len);
            } else if (Scp03.keyLength(len - 1) && (data[pos] & 0xFF) == len - 1) {
                block = Arrays.copyOfRange(data, pos + 1, pos + len);
            } else {
                return null;
            }
            pos += len;
            if (pos >= data.length) {
                return null;
            }
            int kcvLen = data[pos++] & 0xFF;
            if ((kcvLen != 0 && kcvLen != 3) || pos + kcvLen > data.length) {
                return null;
            }
            session.decryptWithDek(block, 0, block.length);
            byte[] kcv = session.crypto().kcv(block);
            if (kcvLen == 3 && !Arrays.equals(kcv, Arrays.copyOfRange(data, pos, pos + 3))) {
                Arrays.fill(block, (byte) 0);
                return null;
            }
            pos += kcvLen;
            out.add(new KeyComponent(block, kcv));
            if (out.size() > 3) {
                return null;
            }
        }
        return out;
    }
}
