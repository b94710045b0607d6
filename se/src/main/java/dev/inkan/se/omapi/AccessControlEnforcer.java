package dev.inkan.se.omapi;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.ara.AraCommands;
import dev.inkan.se.ara.AraTags;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.tlv.TlvException;
import dev.inkan.se.transport.LogicalChannelTransport;
import dev.inkan.se.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Access Control Enforcer of the OMAPI service (GP SEAC 1.1 chapter 3, as Android's
 * SecureElement service implements it): reads the ARA-M rules through a logical channel
 * (GET DATA 'DF20' refresh tag, then 'FF40'/'FF60' only when the tag changed) and decides for a
 * caller and an SE application in this order: A specific AID + caller hash; conflict A (the AID
 * has a rule for another hash: NEVER); B specific AID + all device applications; C all SE
 * applications + caller hash; conflict C; D all + all. No matching rule, or no ARA-M: denied.
 */
public final class AccessControlEnforcer {
    private final Transport card;
    private byte[] refreshTag;
    private List<AccessRule> rules = List.of();

    public AccessControlEnforcer(Transport card) {
        this.card = card;
    }

    /** The rules as last read. */
    public synchronized List<AccessRule> rules() {
        return rules;
    }

    /** Reads the rules again if the ARA-M's refresh tag changed. */
    public synchronized void refresh() throws IOException {
        byte[] opened = card.transmit(new byte[] {0x00, Ins.MANAGE_CHANNEL, 0x00, 0x00, 0x01});
        if (Sw.of(opened) != Sw.OK || opened.length != 3) {
            throw new IOException("the access control enforcer found no free logical channel");
        }
        int channel = opened[0] & 0xFF;
        Transport ch = new LogicalChannelTransport(card, channel);
        try {
            byte[] sel = ch.transmit(CommandApdu.build(0x00, Ins.SELECT & 0xFF, 0x04, 0x00,
                    dev.inkan.se.util.Hex.decode(Defaults.ARA_AID), 256));
            if (Sw.of(sel) == Sw.FILE_NOT_FOUND) {
                rules = List.of();
                refreshTag = null;
                return;
            }
            if (Sw.of(sel) != Sw.OK) {
                throw new IOException("the ARA-M answered SELECT with " + dev.inkan.se.util.Hex.shortHex(Sw.of(sel)));
            }
            byte[] tag = Sw.check(ch.transmit(AraCommands.getRefreshTag()));
            if (refreshTag != null && Arrays.equals(tag, refreshTag)) {
                return;
            }
            rules = readAll(ch);
            refreshTag = tag;
        } finally {
            card.transmit(new byte[] {Cla.withChannel((byte) 0x00, 0), Ins.MANAGE_CHANNEL, (byte) 0x80,
                    (byte) channel});
        }
    }

    private static List<AccessRule> readAll(Transport ch) throws IOException {
        byte[] first = Sw.check(ch.transmit(AraCommands.getAll()));
        int[] header = header(first);
        int total = header[0] + header[1];
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(first);
        while (all.size() < total) {
            byte[] next = Sw.check(ch.transmit(AraCommands.getNext()));
            if (next.length == 0) {
                throw new IOException("ARA-M returned an empty GET DATA [Next]");
            }
            all.writeBytes(next);
        }
        byte[] bytes = all.toByteArray();
        try {
            return AccessRule.parseAll(Arrays.copyOfRange(bytes, header[0], total));
        } catch (TlvException e) {
            throw new IOException("malformed access rules from the ARA-M: " + e.getMessage(), e);
        }
    }

    /** Header length and value length of a Response-ALL-REF-AR-DO. */
    private static int[] header(byte[] r) throws IOException {
        if (r.length < 3 || (r[0] & 0xFF) != 0xFF || (r[1] & 0xFF) != 0x40) {
            throw new IOException("not a Response-ALL-REF-AR-DO");
        }
        int l = r[2] & 0xFF;
        if (l < 0x80) {
            return new int[] {3, l};
        }
        if (l == 0x81 && r.length >= 4) {
            return new int[] {4, r[3] & 0xFF};
        }
        if (l == 0x82 && r.length >= 5) {
            return new int[] {5, ((r[3] & 0xFF) << 8) | (r[4] & 0xFF)};
        }
        throw new IOException("bad length in Response-ALL-REF-AR-DO");
    }

    /** Refreshes the rules and decides for {@code caller} and {@code aid} (null: the default application). */
    public synchronized ChannelAccess check(byte[] aid, CallerIdentity caller) throws IOException {
        refresh();
        return decide(rules, aid, caller.hashes());
    }

    /** The rule lookup (pure function of the rules). */
    public static ChannelAccess decide(List<AccessRule> rules, byte[] aid, List<byte[]> hashes) {
        int aidTag = aid == null ? AraTags.AID_REF_DO_DEFAULT : AraTags.AID_REF_DO;
        byte[] aidValue = aid == null ? new byte[0] : aid;
        List<AccessRule> found = select(rules, r -> sameAid(r, aidTag, aidValue) && hashIn(r, hashes));
        if (!found.isEmpty()) {
            return merge(found, "A");
        }
        if (!select(rules, r -> sameAid(r, aidTag, aidValue) && !r.isAllDeviceApps()).isEmpty()) {
            return ChannelAccess.denied("the application has a specific rule for other device applications (conflict A)");
        }
        found = select(rules, r -> sameAid(r, aidTag, aidValue) && r.isAllDeviceApps());
        if (!found.isEmpty()) {
            return merge(found, "B");
        }
        found = select(rules, r -> r.isAllAids() && hashIn(r, hashes));
        if (!found.isEmpty()) {
            return merge(found, "C");
        }
        if (!select(rules, r -> r.isAllAids() && !r.isAllDeviceApps()).isEmpty()) {
            return ChannelAccess.denied("a rule for all applications names other device applications (conflict C)");
        }
        found = select(rules, r -> r.isAllAids() && r.isAllDeviceApps());
        if (!found.isEmpty()) {
            return merge(found, "D");
        }
        return ChannelAccess.denied("no access rule grants this caller");
    }

    private static List<AccessRule> select(List<AccessRule> rules, java.util.function.Predicate<AccessRule> p) {
        List<AccessRule> out = new ArrayList<>();
        for (AccessRule r : rules) {
            if (p.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean sameAid(AccessRule r, int tag, byte[] aid) {
        return r.aidTag() == tag && Arrays.equals(r.aid(), aid) && !(tag == AraTags.AID_REF_DO && aid.length == 0);
    }

    private static boolean hashIn(AccessRule r, List<byte[]> hashes) {
        if (r.isAllDeviceApps()) {
            return false;
        }
        for (byte[] h : hashes) {
            if (Arrays.equals(h, r.hash())) {
                return true;
            }
        }
        return false;
    }

    /** Several matching rules: NEVER wins, filters are combined (Android AccessRuleCache.putWithMerge). */
    private static ChannelAccess merge(List<AccessRule> found, String step) {
        boolean allowed = true;
        boolean nfc = true;
        List<ApduFilter> filters = new ArrayList<>();
        boolean anyFilters = false;
        for (AccessRule r : found) {
            switch (r.apdu()) {
                case NEVER:
                case UNDEFINED:
                    allowed = false;
                    break;
                case FILTERED:
                    anyFilters = true;
                    for (byte[] f : r.filters()) {
                        filters.add(ApduFilter.of(f));
                    }
                    break;
                default:
                    break;
            }
            boolean ruleNfc = r.nfc() == AccessRule.Access.UNDEFINED ? r.apdu() == AccessRule.Access.ALWAYS
                    || r.apdu() == AccessRule.Access.FILTERED : r.nfc() == AccessRule.Access.ALWAYS;
            nfc &= ruleNfc;
        }
        if (!allowed) {
            return new ChannelAccess(false, List.of(), nfc, "APDU access is NEVER or undefined (rule " + step + ")");
        }
        return new ChannelAccess(true, anyFilters ? filters : List.of(), nfc, "granted by rule " + step);
    }
}
