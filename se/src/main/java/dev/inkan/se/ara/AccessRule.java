package dev.inkan.se.ara;

import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.tlv.TlvException;
import dev.inkan.se.util.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One access rule, REF-AR-DO (GP SEAC 1.1 chapter 5): the reference (AID-REF-DO and
 * DeviceAppID-REF-DO) and the access rule (APDU-AR-DO, NFC-AR-DO). Immutable; parsing validates
 * every field, so a stored rule is always well formed.
 */
public final class AccessRule {
    /** APDU access: never, always, or through filters. */
    public enum Access { NEVER, ALWAYS, FILTERED, UNDEFINED }

    private final int aidTag;
    private final byte[] aid;
    private final byte[] hash;
    private final byte[] pkg;
    private final Access apdu;
    private final List<byte[]> filters;
    private final Access nfc;

    private AccessRule(int aidTag, byte[] aid, byte[] hash, byte[] pkg, Access apdu, List<byte[]> filters, Access nfc) {
        this.aidTag = aidTag;
        this.aid = aid;
        this.hash = hash;
        this.pkg = pkg;
        this.apdu = apdu;
        this.filters = filters;
        this.nfc = nfc;
    }

    /** A rule for {@code aid} (null: all SE applications) and {@code hash} (null: all device applications). */
    public static AccessRule of(byte[] aid, byte[] hash, Access apdu, List<byte[]> filters, Access nfc) {
        List<byte[]> f = new ArrayList<>();
        if (filters != null) {
            for (byte[] x : filters) {
                if (x.length != 8) {
                    throw new IllegalArgumentException("an APDU filter is 8 bytes: header 4, mask 4");
                }
                f.add(x.clone());
            }
        }
        if (apdu == Access.FILTERED && f.isEmpty()) {
            throw new IllegalArgumentException("filtered access needs filters");
        }
        if (hash != null && hash.length != 20 && hash.length != 32) {
            throw new IllegalArgumentException("DeviceAppID is SHA-1 (20) or SHA-256 (32) bytes");
        }
        return new AccessRule(AraTags.AID_REF_DO, aid == null ? new byte[0] : aid.clone(),
                hash == null ? new byte[0] : hash.clone(), null, apdu, f, nfc);
    }

    /** Parses and validates one REF-AR-DO. */
    public static AccessRule parse(Tlv refArDo) throws TlvException {
        if (refArDo.tag() != AraTags.REF_AR_DO) {
            throw new TlvException("not a REF-AR-DO");
        }
        List<Tlv> parts = refArDo.children();
        if (parts.size() != 2 || parts.get(0).tag() != AraTags.REF_DO || parts.get(1).tag() != AraTags.AR_DO) {
            throw new TlvException("REF-AR-DO must hold REF-DO then AR-DO");
        }
        List<Tlv> ref = parts.get(0).children();
        if (ref.size() < 2 || ref.size() > 3) {
            throw new TlvException("REF-DO must hold AID-REF-DO and DeviceAppID-REF-DO");
        }
        Tlv aidDo = ref.get(0);
        int aidTag = aidDo.tag();
        if (aidTag == AraTags.AID_REF_DO) {
            if (aidDo.length() != 0 && (aidDo.length() < 5 || aidDo.length() > 16)) {
                throw new TlvException("AID-REF-DO length");
            }
        } else if (aidTag != AraTags.AID_REF_DO_DEFAULT || aidDo.length() != 0) {
            throw new TlvException("bad AID-REF-DO");
        }
        Tlv hashDo = ref.get(1);
        if (hashDo.tag() != AraTags.DEVICE_APP_ID_REF_DO
                || (hashDo.length() != 0 && hashDo.length() != 20 && hashDo.length() != 32)) {
            throw new TlvException("bad DeviceAppID-REF-DO");
        }
        byte[] pkg = null;
        if (ref.size() == 3) {
            Tlv p = ref.get(2);
            if (p.tag() != AraTags.PKG_REF_DO || p.length() == 0 || p.length() > 128) {
                throw new TlvException("bad PKG-REF-DO");
            }
            pkg = p.value();
        }
        Access apdu = Access.UNDEFINED;
        Access nfc = Access.UNDEFINED;
        List<byte[]> filters = new ArrayList<>();
        List<Tlv> ar = parts.get(1).children();
        if (ar.isEmpty() || ar.size() > 2) {
            throw new TlvException("AR-DO must hold APDU-AR-DO and/or NFC-AR-DO");
        }
        for (Tlv t : ar) {
            if (t.tag() == AraTags.APDU_AR_DO && apdu == Access.UNDEFINED) {
                byte[] v = t.value();
                if (v.length == 1 && (v[0] == 0 || v[0] == 1)) {
                    apdu = v[0] == 1 ? Access.ALWAYS : Access.NEVER;
                } else if (v.length > 0 && v.length % 8 == 0) {
                    apdu = Access.FILTERED;
                    for (int i = 0; i < v.length; i += 8) {
                        filters.add(Arrays.copyOfRange(v, i, i + 8));
                    }
                } else {
                    throw new TlvException("bad APDU-AR-DO");
                }
            } else if (t.tag() == AraTags.NFC_AR_DO && nfc == Access.UNDEFINED) {
                byte[] v = t.value();
                if (v.length != 1 || (v[0] != 0 && v[0] != 1)) {
                    throw new TlvException("bad NFC-AR-DO");
                }
                nfc = v[0] == 1 ? Access.ALWAYS : Access.NEVER;
            } else {
                throw new TlvException("unexpected or repeated data object in AR-DO");
            }
        }
        return new AccessRule(aidTag, aidDo.value(), hashDo.value(), pkg, apdu, filters, nfc);
    }

    /** Parses the value of Response-ALL-REF-AR-DO ('FF40'). */
    public static List<AccessRule> parseAll(byte[] value) throws TlvException {
        List<AccessRule> out = new ArrayList<>();
        for (Tlv t : Tlv.parseAll(value, 0, value.length)) {
            out.add(parse(t));
        }
        return out;
    }

    /** REF-DO as bytes: the identity of the rule's target. */
    public byte[] refDo() {
        List<Tlv> ref = new ArrayList<>();
        ref.add(new Tlv(aidTag, aid));
        ref.add(new Tlv(AraTags.DEVICE_APP_ID_REF_DO, hash));
        if (pkg != null) {
            ref.add(new Tlv(AraTags.PKG_REF_DO, pkg));
        }
        return new Tlv(AraTags.REF_DO, Tlv.encodeAll(ref)).encode();
    }

    /** The whole REF-AR-DO. */
    public byte[] encode() {
        List<Tlv> ar = new ArrayList<>();
        if (apdu == Access.ALWAYS || apdu == Access.NEVER) {
            ar.add(new Tlv(AraTags.APDU_AR_DO, new byte[] {(byte) (apdu == Access.ALWAYS ? 1 : 0)}));
        } else if (apdu == Access.FILTERED) {
            byte[] v = new byte[filters.size() * 8];
            for (int i = 0; i < filters.size(); i++) {
                System.arraycopy(filters.get(i), 0, v, i * 8, 8);
            }
            ar.add(new Tlv(AraTags.APDU_AR_DO, v));
        }
        if (nfc != Access.UNDEFINED) {
            ar.add(new Tlv(AraTags.NFC_AR_DO, new byte[] {(byte) (nfc == Access.ALWAYS ? 1 : 0)}));
        }
        byte[] ref = refDo();
        byte[] arDo = new Tlv(AraTags.AR_DO, Tlv.encodeAll(ar)).encode();
        byte[] both = new byte[ref.length + arDo.length];
        System.arraycopy(ref, 0, both, 0, ref.length);
        System.arraycopy(arDo, 0, both, ref.length, arDo.length);
        return new Tlv(AraTags.REF_AR_DO, both).encode();
    }

    /** True for the "default application" reference ('C0'). */
    public boolean isDefaultApplication() {
        return aidTag == AraTags.AID_REF_DO_DEFAULT;
    }

    /** True when the rule names every SE application ('4F' with length 0). */
    public boolean isAllAids() {
        return aidTag == AraTags.AID_REF_DO && aid.length == 0;
    }

    /** True when the rule names every device application (empty DeviceAppID). */
    public boolean isAllDeviceApps() {
        return hash.length == 0;
    }

    public byte[] aid() {
        return aid.clone();
    }

    public int aidTag() {
        return aidTag;
    }

    public byte[] hash() {
        return hash.clone();
    }

    public Access apdu() {
        return apdu;
    }

    public List<byte[]> filters() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] f : filters) {
            out.add(f.clone());
        }
        return out;
    }

    public Access nfc() {
        return nfc;
    }

    @Override
    public String toString() {
        return "Rule[" + (isDefaultApplication() ? "default" : isAllAids() ? "all AIDs" : Hex.encode(aid)) + ", "
                + (isAllDeviceApps() ? "all apps" : Hex.encode(hash)) + ", apdu " + apdu + ", nfc " + nfc + "]";
    }
}
