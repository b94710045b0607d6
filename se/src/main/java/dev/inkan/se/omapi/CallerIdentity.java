package dev.inkan.se.omapi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A device application calling OMAPI: its package name and the hashes of its signing
 * certificates (SHA-1 and SHA-256 of the DER encoding, GP SEAC 1.1 DeviceAppID).
 */
public final class CallerIdentity {
    private final String packageName;
    private final List<byte[]> hashes;

    private CallerIdentity(String packageName, List<byte[]> hashes) {
        this.packageName = packageName;
        this.hashes = hashes;
    }

    /** From the signing certificates (DER), as Android's package manager gives them. */
    public static CallerIdentity ofCertificates(String packageName, List<byte[]> certificatesDer) {
        List<byte[]> h = new ArrayList<>();
        for (byte[] der : certificatesDer) {
            h.add(digest("SHA-256", der));
            h.add(digest("SHA-1", der));
        }
        return new CallerIdentity(packageName, h);
    }

    /** From precomputed certificate hashes (20 or 32 bytes each). */
    public static CallerIdentity ofHashes(String packageName, byte[]... hashes) {
        List<byte[]> h = new ArrayList<>();
        for (byte[] x : hashes) {
            if (x.length != 20 && x.length != 32) {
                throw new IllegalArgumentException("certificate hashes are SHA-1 or SHA-256");
            }
            h.add(x.clone());
        }
        return new CallerIdentity(packageName, h);
    }

    public String packageName() {
        return packageName;
    }

    /** The caller's DeviceAppIDs. */
    public List<byte[]> hashes() {
        List<byte[]> out = new ArrayList<>();
        hashes.forEach(h -> out.add(h.clone()));
        return out;
    }

    private static byte[] digest(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
