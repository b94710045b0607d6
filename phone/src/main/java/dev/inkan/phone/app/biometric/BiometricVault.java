package dev.inkan.phone.app.biometric;

import dev.inkan.generated.scripts.CertType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The app's biometric unlock store (UX-2), as on Android: an AES-256 key in the platform keystore
 * that only a matching biometric unlocks, and the PIN sealed under it with AES-GCM in the app's
 * storage. Which PINs may be sealed is the app's decision ({@code JpkiApp}); the vault only seals
 * and opens. A copy shares the key and the sealed bytes (neither changes), for snapshots.
 */
public final class BiometricVault {
    private static final int TAG_BITS = 128;
    private final SecureRandom random;
    private SecretKey key;
    private final Map<CertType, byte[]> sealed = new EnumMap<>(CertType.class);

    public BiometricVault(SecureRandom random) {
        this.random = random;
    }

    /** Whether a PIN of {@code type} is sealed. */
    public boolean holds(CertType type) {
        return sealed.containsKey(type);
    }

    /** What the app's storage holds for a key: nonce and AES-GCM ciphertext with tag (for backup exclusion checks and reviews). */
    public Optional<byte[]> stored(CertType type) {
        byte[] box = sealed.get(type);
        return box == null ? Optional.empty() : Optional.of(box.clone());
    }

    /** Seals a PIN; the first seal creates the keystore key (authentication required for every use). */
    public void seal(CertType type, String pin) {
        try {
            if (key == null) {
                KeyGenerator g = KeyGenerator.getInstance("AES");
                g.init(256, random);
                key = g.generateKey();
            }
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(type.name().getBytes(StandardCharsets.US_ASCII));
            byte[] ct = c.doFinal(pin.getBytes(StandardCharsets.US_ASCII));
            byte[] out = Arrays.copyOf(iv, iv.length + ct.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            sealed.put(type, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /** The sealed PIN, opened only after a biometric match; empty when none is sealed or no match. */
    public Optional<String> open(CertType type, Fingerprint fingerprint) {
        byte[] box = sealed.get(type);
        if (box == null || fingerprint != Fingerprint.MATCH) {
            return Optional.empty();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, 12));
            c.updateAAD(type.name().getBytes(StandardCharsets.US_ASCII));
            return Optional.of(new String(c.doFinal(box, 12, box.length - 12), StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            // a sealed box that does not open is storage corruption: drop it, the user types the PIN
            sealed.remove(type);
            return Optional.empty();
        }
    }

    /** Forgets the PIN of one key (it no longer opens the applet, or the user withdrew it). */
    public void forget(CertType type) {
        sealed.remove(type);
    }

    /** Forgets every sealed PIN and the key (enrolment withdrawn, app data cleared). */
    public void clear() {
        sealed.clear();
        key = null;
    }

    public BiometricVault copy() {
        BiometricVault v = new BiometricVault(random);
        v.key = key;
        v.sealed.putAll(sealed);
        return v;
    }
}
