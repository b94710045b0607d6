package dev.inkan.se.ara;

import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.tlv.Tlv;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Host-side builders of ARA-M commands (GP SEAC 1.1 section 5): STORE DATA with Command-Store,
 * Command-Delete and Command-UpdateRefreshTag (split into blocks when longer than one APDU), and
 * the GET DATA commands. Plain commands: wrap them with an SCP03 transport.
 */
public final class AraCommands {
    /** Data bytes per STORE DATA block, leaving room for SCP03 padding and MAC. */
    public static final int BLOCK = 200;

    private AraCommands() {
    }

    /** Command-Store-REF-AR-DO ('F0') holding the rules. */
    public static byte[] storeRules(AccessRule... rules) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AccessRule r : rules) {
            out.writeBytes(r.encode());
        }
        return new Tlv(AraTags.COMMAND_STORE, out.toByteArray()).encode();
    }

    /** Command-Delete ('F1') of every rule. */
    public static byte[] deleteAll() {
        return new Tlv(AraTags.COMMAND_DELETE, new byte[0]).encode();
    }

    /** Command-Delete ('F1') of the rules for one SE application AID. */
    public static byte[] deleteAid(byte[] aid) {
        return new Tlv(AraTags.COMMAND_DELETE, new Tlv(AraTags.AID_REF_DO, aid).encode()).encode();
    }

    /** Command-Delete ('F1') of one rule. */
    public static byte[] deleteRule(AccessRule rule) {
        return new Tlv(AraTags.COMMAND_DELETE, rule.encode()).encode();
    }

    /** Command-UpdateRefreshTag ('F2'). */
    public static byte[] updateRefreshTag() {
        return new Tlv(AraTags.COMMAND_UPDATE_REFRESH_TAG, new byte[0]).encode();
    }

    /** STORE DATA commands carrying {@code command} (P1 '10' BER-TLV, '90' on the last block). */
    public static List<byte[]> storeData(byte[] command) {
        List<byte[]> out = new ArrayList<>();
        int blocks = Math.max(1, (command.length + BLOCK - 1) / BLOCK);
        for (int i = 0; i < blocks; i++) {
            int from = i * BLOCK;
            int to = Math.min(command.length, from + BLOCK);
            byte[] chunk = java.util.Arrays.copyOfRange(command, from, to);
            int p1 = 0x10 | (i == blocks - 1 ? 0x80 : 0);
            out.add(CommandApdu.build(0x80, Ins.STORE_DATA & 0xFF, p1, i, chunk, 0));
        }
        return out;
    }

    /** GET DATA [All] ('FF40'). */
    public static byte[] getAll() {
        return new byte[] {(byte) 0x80, Ins.GET_DATA, (byte) 0xFF, 0x40, 0x00};
    }

    /** GET DATA [Next] ('FF60'). */
    public static byte[] getNext() {
        return new byte[] {(byte) 0x80, Ins.GET_DATA, (byte) 0xFF, 0x60, 0x00};
    }

    /** GET DATA refresh tag ('DF20'). */
    public static byte[] getRefreshTag() {
        return new byte[] {(byte) 0x80, Ins.GET_DATA, (byte) 0xDF, 0x20, 0x00};
    }
}
