package dev.inkan.se.ara;

import dev.inkan.se.apdu.Sw;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.tlv.TlvException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javacard.framework.ISOException;

/**
 * The rules of the ARA-M kept as concatenated REF-AR-DOs in one persistent byte array, with the
 * refresh tag (GP SEAC 1.1 chapter 5). Commands: Store ('F0'), Delete ('F1') and
 * UpdateRefreshTag ('F2'). Every change is validated completely before the array is touched.
 */
final class RuleStore {
    private RuleStore() {
    }

    /** The stored rules. */
    static List<AccessRule> rules(byte[] store, int length) {
        try {
            return AccessRule.parseAll(Arrays.copyOf(store, length));
        } catch (TlvException e) {
            throw new IllegalStateException("ARA-M store corrupted", e);
        }
    }

    /**
     * Applies one command data object; returns the new store content or throws ISOException
     * ('6A80' malformed, '6A89' rule exists, '6A88' nothing to delete, '6A84' full).
     */
    static byte[] apply(byte[] store, int length, byte[] command, int capacity) {
        Tlv cmd;
        try {
            cmd = Tlv.parseSingle(command);
        } catch (TlvException e) {
            ISOException.throwIt((short) Sw.WRONG_DATA);
            return null;
        }
        List<AccessRule> current = rules(store, length);
        List<AccessRule> next;
        try {
            switch (cmd.tag()) {
                case AraTags.COMMAND_STORE:
                    next = store(current, cmd);
                    break;
                case AraTags.COMMAND_DELETE:
                    next = delete(current, cmd);
                    break;
                case AraTags.COMMAND_UPDATE_REFRESH_TAG:
                    if (cmd.length() != 0) {
                        ISOException.throwIt((short) Sw.WRONG_DATA);
                    }
                    next = current;
                    break;
                default:
                    ISOException.throwIt((short) Sw.WRONG_DATA);
                    return null;
            }
        } catch (TlvException e) {
            ISOException.throwIt((short) Sw.WRONG_DATA);
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AccessRule r : next) {
            out.writeBytes(r.encode());
        }
        if (out.size() > capacity) {
            ISOException.throwIt((short) Sw.NOT_ENOUGH_MEMORY);
        }
        return out.toByteArray();
    }

    private static List<AccessRule> store(List<AccessRule> current, Tlv cmd) throws TlvException {
        List<AccessRule> out = new ArrayList<>(current);
        List<Tlv> items = cmd.children();
        if (items.isEmpty()) {
            ISOException.throwIt((short) Sw.WRONG_DATA);
        }
        for (Tlv t : items) {
            AccessRule r = AccessRule.parse(t);
            for (AccessRule existing : out) {
                if (Arrays.equals(existing.refDo(), r.refDo())) {
                    ISOException.throwIt((short) Sw.DATA_ALREADY_EXISTS);
                }
            }
            out.add(r);
        }
        return out;
    }

    private static List<AccessRule> delete(List<AccessRule> current, Tlv cmd) throws TlvException {
        if (cmd.length() == 0) {
            return new ArrayList<>();
        }
        Tlv what = Tlv.parseSingle(cmd.value());
        List<AccessRule> out = new ArrayList<>();
        for (AccessRule r : current) {
            if (!matches(r, what)) {
                out.add(r);
            }
        }
        if (out.size() == current.size()) {
            ISOException.throwIt((short) Sw.REFERENCED_DATA_NOT_FOUND);
        }
        return out;
    }

    private static boolean matches(AccessRule r, Tlv what) throws TlvException {
        switch (what.tag()) {
            case AraTags.AID_REF_DO:
            case AraTags.AID_REF_DO_DEFAULT:
                return r.aidTag() == what.tag() && Arrays.equals(r.aid(), what.value());
            case AraTags.REF_DO:
                return Arrays.equals(r.refDo(), what.encode());
            case AraTags.REF_AR_DO:
                return Arrays.equals(r.encode(), AccessRule.parse(what).encode());
            default:
                ISOException.throwIt((short) Sw.WRONG_DATA);
                return false;
        }
    }
}
