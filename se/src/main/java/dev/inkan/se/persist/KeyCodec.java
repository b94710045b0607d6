package dev.inkan.se.persist;

import com.google.gson.JsonObject;
import dev.inkan.se.util.Hex;
import javacard.security.AESKey;
import javacard.security.CryptoException;
import javacard.security.DESKey;
import javacard.security.ECKey;
import javacard.security.ECPrivateKey;
import javacard.security.ECPublicKey;
import javacard.security.HMACKey;
import javacard.security.Key;
import javacard.security.KeyBuilder;
import javacard.security.RSAPrivateCrtKey;
import javacard.security.RSAPrivateKey;
import javacard.security.RSAPublicKey;

/**
 * Saves Java Card key objects through their public API only (type, size and component values)
 * and rebuilds them with {@link KeyBuilder}, so jcardsim's internal key classes never reach the
 * file. Keys of transient types come back uninitialised, as after a power loss.
 */
final class KeyCodec {
    private static final int BUFFER = 1024;

    @FunctionalInterface
    private interface Getter {
        short get(byte[] buf, short off);
    }

    private KeyCodec() {
    }

    static boolean supports(Object o) {
        return o instanceof AESKey || o instanceof DESKey || o instanceof HMACKey || o instanceof RSAPrivateCrtKey
                || o instanceof RSAPrivateKey || o instanceof RSAPublicKey || o instanceof ECKey;
    }

    static JsonObject encode(Key key) {
        JsonObject j = new JsonObject();
        j.addProperty("t", "key");
        j.addProperty("type", key.getType());
        j.addProperty("size", key.getSize());
        JsonObject c = new JsonObject();
        if (!isTransientType(key.getType())) {
            if (key instanceof AESKey k) {
                put(c, "key", k::getKey);
            } else if (key instanceof DESKey k) {
                put(c, "key", k::getKey);
            } else if (key instanceof HMACKey k) {
                put(c, "key", k::getKey);
            } else if (key instanceof RSAPrivateCrtKey k) {
                put(c, "p", k::getP);
                put(c, "q", k::getQ);
                put(c, "dp1", k::getDP1);
                put(c, "dq1", k::getDQ1);
                put(c, "pq", k::getPQ);
            } else if (key instanceof RSAPrivateKey k) {
                put(c, "modulus", k::getModulus);
                put(c, "exponent", k::getExponent);
            } else if (key instanceof RSAPublicKey k) {
                put(c, "modulus", k::getModulus);
                put(c, "exponent", k::getExponent);
            } else if (key instanceof ECKey k) {
                put(c, "field", k::getField);
                put(c, "a", k::getA);
                put(c, "b", k::getB);
                put(c, "g", k::getG);
                put(c, "r", k::getR);
                try {
                    c.addProperty("k", k.getK());
                } catch (CryptoException ignored) {
                    // not set
                }
                if (key instanceof ECPublicKey p) {
                    put(c, "w", p::getW);
                } else if (key instanceof ECPrivateKey s) {
                    put(c, "s", s::getS);
                }
            }
        }
        j.add("c", c);
        return j;
    }

    private static void put(JsonObject c, String name, Getter getter) {
        byte[] buf = new byte[BUFFER];
        try {
            short n = getter.get(buf, (short) 0);
            c.addProperty(name, Hex.encode(buf, 0, n));
        } catch (CryptoException e) {
            // component not initialised
        }
    }

    /** Builds an empty key of the recorded type and size. */
    static Key allocate(JsonObject j) {
        byte type = j.get("type").getAsByte();
        short size = j.get("size").getAsShort();
        return KeyBuilder.buildKey(type, size, false);
    }

    /** Sets the recorded components. */
    static void fill(Key key, JsonObject j) {
        JsonObject c = j.getAsJsonObject("c");
        if (key instanceof AESKey k && c.has("key")) {
            k.setKey(bytes(c, "key"), (short) 0);
        } else if (key instanceof DESKey k && c.has("key")) {
            k.setKey(bytes(c, "key"), (short) 0);
        } else if (key instanceof HMACKey k && c.has("key")) {
            byte[] v = bytes(c, "key");
            k.setKey(v, (short) 0, (short) v.length);
        } else if (key instanceof RSAPrivateCrtKey k) {
            set(c, "p", (b, l) -> k.setP(b, (short) 0, l));
            set(c, "q", (b, l) -> k.setQ(b, (short) 0, l));
            set(c, "dp1", (b, l) -> k.setDP1(b, (short) 0, l));
            set(c, "dq1", (b, l) -> k.setDQ1(b, (short) 0, l));
            set(c, "pq", (b, l) -> k.setPQ(b, (short) 0, l));
        } else if (key instanceof RSAPrivateKey k) {
            set(c, "modulus", (b, l) -> k.setModulus(b, (short) 0, l));
            set(c, "exponent", (b, l) -> k.setExponent(b, (short) 0, l));
        } else if (key instanceof RSAPublicKey k) {
            set(c, "modulus", (b, l) -> k.setModulus(b, (short) 0, l));
            set(c, "exponent", (b, l) -> k.setExponent(b, (short) 0, l));
        } else if (key instanceof ECKey k) {
            set(c, "field", (b, l) -> k.setFieldFP(b, (short) 0, l));
            set(c, "a", (b, l) -> k.setA(b, (short) 0, l));
            set(c, "b", (b, l) -> k.setB(b, (short) 0, l));
            set(c, "g", (b, l) -> k.setG(b, (short) 0, l));
            set(c, "r", (b, l) -> k.setR(b, (short) 0, l));
            if (c.has("k")) {
                k.setK(c.get("k").getAsShort());
            }
            if (key instanceof ECPublicKey p) {
                set(c, "w", (b, l) -> p.setW(b, (short) 0, l));
            } else if (key instanceof ECPrivateKey s) {
                set(c, "s", (b, l) -> s.setS(b, (short) 0, l));
            }
        }
    }

    @FunctionalInterface
    private interface Setter {
        void set(byte[] value, short length);
    }

    private static void set(JsonObject c, String name, Setter setter) {
        if (c.has(name)) {
            byte[] v = bytes(c, name);
            setter.set(v, (short) v.length);
        }
    }

    private static byte[] bytes(JsonObject c, String name) {
        return Hex.decode(c.get(name).getAsString());
    }

    private static boolean isTransientType(byte type) {
        switch (type) {
            case KeyBuilder.TYPE_DES_TRANSIENT_RESET:
            case KeyBuilder.TYPE_DES_TRANSIENT_DESELECT:
            case KeyBuilder.TYPE_AES_TRANSIENT_RESET:
            case KeyBuilder.TYPE_AES_TRANSIENT_DESELECT:
            case KeyBuilder.TYPE_KOREAN_SEED_TRANSIENT_RESET:
            case KeyBuilder.TYPE_KOREAN_SEED_TRANSIENT_DESELECT:
            case KeyBuilder.TYPE_HMAC_TRANSIENT_RESET:
            case KeyBuilder.TYPE_HMAC_TRANSIENT_DESELECT:
            case KeyBuilder.TYPE_RSA_PRIVATE_TRANSIENT_RESET:
            case KeyBuilder.TYPE_RSA_PRIVATE_TRANSIENT_DESELECT:
            case KeyBuilder.TYPE_RSA_CRT_PRIVATE_TRANSIENT_RESET:
            case KeyBuilder.TYPE_RSA_CRT_PRIVATE_TRANSIENT_DESELECT:
            case KeyBuilder.TYPE_EC_FP_PRIVATE_TRANSIENT_RESET:
            case KeyBuilder.TYPE_EC_FP_PRIVATE_TRANSIENT_DESELECT:
                return true;
            default:
                return false;
        }
    }
}
