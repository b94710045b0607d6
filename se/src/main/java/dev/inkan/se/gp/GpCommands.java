package dev.inkan.se.gp;

import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.HostCrypto;
import dev.inkan.se.scp03.Scp03;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Host-side builders of plain GP card content management commands (GP Card Spec 2.3 chapter 11),
 * for TSMs and tests. They only build bytes: send them through an SCP03
 * {@code SecureChannelTransport} to have them wrapped.
 */
public final class GpCommands {
    private static final int CLA = 0x80;

    private GpCommands() {
    }

    /** SELECT by AID (ISO/IEC 7816-4, CLA '00', P2 '00', Le '00'). */
    public static byte[] select(Aid aid) {
        return CommandApdu.build(0x00, Ins.SELECT & 0xFF, 0x04, 0x00, aid.bytes(), 256);
    }

    /** INSTALL [for install] ('04') or [for install and make selectable] ('0C'). */
    public static byte[] installForInstall(Aid loadFile, Aid module, Aid instance, int privileges,
                                           byte[] applicationParameters, boolean makeSelectable) {
        byte[] params = new Tlv(0xC9, applicationParameters).encode();
        byte[] data = lv(loadFile.bytes(), module.bytes(), instance.bytes(), Privileges.toBytes(privileges), params,
                new byte[0]);
        return CommandApdu.build(CLA, Ins.INSTALL & 0xFF, makeSelectable ? 0x0C : 0x04, 0x00, data, 256);
    }

    /** INSTALL [for make selectable] ('08'). */
    public static byte[] installForMakeSelectable(Aid instance) {
        byte[] data = lv(new byte[0], new byte[0], instance.bytes(), new byte[] {0}, new byte[0], new byte[0]);
        return CommandApdu.build(CLA, Ins.INSTALL & 0xFF, 0x08, 0x00, data, 256);
    }

    /** INSTALL [for extradition] ('10') of {@code application} to {@code securityDomain}. */
    public static byte[] installForExtradition(Aid securityDomain, Aid application) {
        byte[] data = lv(securityDomain.bytes(), new byte[0], application.bytes(), new byte[0], new byte[0], new byte[0]);
        return CommandApdu.build(CLA, Ins.INSTALL & 0xFF, 0x10, 0x00, data, 256);
    }

    /** INSTALL [for personalization] ('20'): following STORE DATA go to {@code application}. */
    public static byte[] installForPersonalization(Aid application) {
        byte[] data = lv(new byte[0], new byte[0], application.bytes(), new byte[0], new byte[0], new byte[0]);
        return CommandApdu.build(CLA, Ins.INSTALL & 0xFF, 0x20, 0x00, data, 256);
    }

    /** DELETE of a card content object; {@code related} also deletes a load file's instances. */
    public static byte[] delete(Aid aid, boolean related) {
        return CommandApdu.build(CLA, Ins.DELETE & 0xFF, 0x00, related ? 0x80 : 0x00,
                new Tlv(0x4F, aid.bytes()).encode(), 256);
    }

    /** DELETE of an SCP03 key set by KVN. */
    public static byte[] deleteKeySet(int kvn) {
        return CommandApdu.build(CLA, Ins.DELETE & 0xFF, 0x00, 0x00, new Tlv(0xD2, new byte[] {(byte) kvn}).encode(), 256);
    }

    /** GET STATUS in TLV format; {@code next} asks for the entries after '6310'. */
    public static byte[] getStatus(int p1, byte[] aidPrefix, boolean next) {
        return CommandApdu.build(CLA, Ins.GET_STATUS & 0xFF, p1, next ? 0x03 : 0x02,
                new Tlv(0x4F, aidPrefix).encode(), 256);
    }

    /** SET STATUS. */
    public static byte[] setStatus(int p1, int p2, Aid aid) {
        return CommandApdu.build(CLA, Ins.SET_STATUS & 0xFF, p1, p2, aid == null ? null : aid.bytes(), 0);
    }

    /** STORE DATA with the given P1 and block number. */
    public static byte[] storeData(int p1, int block, byte[] data) {
        return CommandApdu.build(CLA, Ins.STORE_DATA & 0xFF, p1, block, data, 256);
    }

    /** GET DATA with a two-byte tag (CLA '80'). */
    public static byte[] getData(int tag) {
        return new byte[] {(byte) CLA, Ins.GET_DATA, (byte) (tag >>> 8), (byte) tag, 0x00};
    }

    /**
     * PUT KEY of a whole SCP03 key set (GP 2.3 11.8 with Amd D): the keys encrypted with the
     * current static DEK {@code dek}, each with its KCV. {@code replaceKvn} 0 adds a key set.
     */
    public static byte[] putKeySet(int replaceKvn, StaticKeys newKeys, byte[] dek) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(newKeys.kvn());
        for (byte[] key : new byte[][] {newKeys.enc(), newKeys.mac(), newKeys.dek()}) {
            data.write(Scp03.KEY_TYPE_AES);
            data.write(key.length + 1);
            data.write(key.length);
            data.writeBytes(HostCrypto.cbcEncrypt(dek, new byte[16], key));
            data.write(3);
            data.writeBytes(HostCrypto.kcv(key));
        }
        return CommandApdu.build(CLA, Ins.PUT_KEY & 0xFF, replaceKvn, 0x81, data.toByteArray(), 256);
    }

    /** The response PUT KEY must give for {@link #putKeySet}: KVN and the three KCVs. */
    public static byte[] expectedPutKeyResponse(StaticKeys newKeys) {
        return Bytes.concat(new byte[] {(byte) newKeys.kvn()}, HostCrypto.kcv(newKeys.enc()),
                HostCrypto.kcv(newKeys.mac()), HostCrypto.kcv(newKeys.dek()));
    }

    /** Sends GET STATUS and follows '6310' paging; returns the concatenated 'E3' entries. */
    public static List<Tlv> getStatusAll(Transport t, int p1, byte[] aidPrefix) throws IOException {
        List<Tlv> out = new ArrayList<>();
        byte[] r = t.transmit(getStatus(p1, aidPrefix, false));
        while (true) {
            int sw = Sw.of(r);
            if (sw == Sw.REFERENCED_DATA_NOT_FOUND && out.isEmpty()) {
                return out;
            }
            byte[] data = Sw.check(r, Sw.OK, Sw.MORE_DATA);
            try {
                out.addAll(Tlv.parseAll(data, 0, data.length));
            } catch (dev.inkan.se.tlv.TlvException e) {
                throw new IOException("malformed GET STATUS response", e);
            }
            if (sw == Sw.OK) {
                return out;
            }
            r = t.transmit(getStatus(p1, aidPrefix, true));
        }
    }

    private static byte[] lv(byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : fields) {
            out.write(f.length);
            out.writeBytes(f);
        }
        return out.toByteArray();
    }
}
