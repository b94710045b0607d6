package dev.inkan.se.persist;

import com.google.gson.JsonObject;
import javacard.security.Checksum;
import javacard.security.KeyAgreement;
import javacard.security.MessageDigest;
import javacard.security.RandomData;
import javacard.security.Signature;
import javacardx.crypto.Cipher;

/**
 * Saves Java Card crypto engines (Cipher, Signature, MessageDigest, RandomData, KeyAgreement,
 * Checksum) by algorithm and rebuilds them with getInstance. An engine comes back uninitialised:
 * applets initialise engines with their keys before use (as after a card tear).
 */
final class EngineCodec {
    private EngineCodec() {
    }

    static boolean supports(Object o) {
        return o instanceof Cipher || o instanceof Signature || o instanceof MessageDigest
                || o instanceof RandomData || o instanceof KeyAgreement || o instanceof Checksum;
    }

    static JsonObject encode(Object o) {
        JsonObject j = new JsonObject();
        j.addProperty("t", "engine");
        if (o instanceof Cipher c) {
            j.addProperty("kind", "cipher");
            j.addProperty("alg", c.getAlgorithm());
            optional(j, "cipher", c::getCipherAlgorithm);
            optional(j, "padding", c::getPaddingAlgorithm);
        } else if (o instanceof Signature s) {
            j.addProperty("kind", "signature");
            j.addProperty("alg", s.getAlgorithm());
            optional(j, "digest", s::getMessageDigestAlgorithm);
            optional(j, "cipher", s::getCipherAlgorithm);
            optional(j, "padding", s::getPaddingAlgorithm);
        } else if (o instanceof MessageDigest d) {
            j.addProperty("kind", "digest");
            j.addProperty("alg", d.getAlgorithm());
        } else if (o instanceof RandomData r) {
            j.addProperty("kind", "random");
            j.addProperty("alg", r.getAlgorithm());
        } else if (o instanceof KeyAgreement k) {
            j.addProperty("kind", "keyagreement");
            j.addProperty("alg", k.getAlgorithm());
        } else {
            j.addProperty("kind", "checksum");
            j.addProperty("alg", ((Checksum) o).getAlgorithm());
        }
        return j;
    }

    @FunctionalInterface
    private interface ByteGetter {
        byte get();
    }

    /** jcardsim leaves some of these getters unimplemented; record what is available. */
    private static void optional(JsonObject j, String name, ByteGetter g) {
        try {
            j.addProperty(name, g.get());
        } catch (RuntimeException e) {
            // not available in this Java Card implementation
        }
    }

    static Object allocate(JsonObject j) {
        byte alg = j.get("alg").getAsByte();
        switch (j.get("kind").getAsString()) {
            case "cipher":
                return alg != 0 ? Cipher.getInstance(alg, false)
                        : Cipher.getInstance(j.get("cipher").getAsByte(), j.get("padding").getAsByte(), false);
            case "signature":
                return alg != 0 ? Signature.getInstance(alg, false)
                        : Signature.getInstance(j.get("digest").getAsByte(), j.get("cipher").getAsByte(),
                        j.get("padding").getAsByte(), false);
            case "digest":
                return MessageDigest.getInstance(alg, false);
            case "random":
                return RandomData.getInstance(alg);
            case "keyagreement":
                return KeyAgreement.getInstance(alg, false);
            case "checksum":
                return Checksum.getInstance(alg, false);
            default:
                throw new IllegalArgumentException("unknown engine kind " + j.get("kind"));
        }
    }
}
