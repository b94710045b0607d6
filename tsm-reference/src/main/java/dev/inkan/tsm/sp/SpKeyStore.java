package dev.inkan.tsm.sp;

import dev.inkan.se.scp03.DiversifiedKeys;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.tsm.ca.KeyStoreFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SP-TSM's SCP03 master key set in a PKCS#12 key store (REQ PRE-7, PRE-8): three AES secret
 * keys under the aliases {@code kvnNN-enc}, {@code kvnNN-mac} and {@code kvnNN-dek} (NN the key
 * version in hex). Each SE's SP domain holds the set diversified from it ({@link DiversifiedKeys}),
 * so the store is the one secret that opens every SP domain, and lives encrypted.
 */
public final class SpKeyStore {
    private static final Pattern ALIAS = Pattern.compile("kvn([0-9a-f]{2})-(enc|mac|dek)");
    private static final String WHAT = "SP-TSM";

    private SpKeyStore() {
    }

    /** A new master set of random AES-128 keys with key version {@code kvn}. */
    public static DiversifiedKeys generate(int kvn, SecureRandom random) {
        byte[][] k = new byte[3][16];
        for (byte[] key : k) {
            random.nextBytes(key);
        }
        return new DiversifiedKeys(new StaticKeys(kvn, k[0], k[1], k[2]));
    }

    /** Writes {@code keys}' master set to {@code file} (atomically). */
    public static void store(DiversifiedKeys keys, Path file, char[] password) throws IOException {
        try {
            KeyStore ks = KeyStoreFiles.empty();
            StaticKeys m = keys.master();
            String prefix = "kvn" + HexFormat.of().toHexDigits((byte) m.kvn()) + "-";
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password);
            ks.setEntry(prefix + "enc", new KeyStore.SecretKeyEntry(aes(m.enc())), protection);
            ks.setEntry(prefix + "mac", new KeyStore.SecretKeyEntry(aes(m.mac())), protection);
            ks.setEntry(prefix + "dek", new KeyStore.SecretKeyEntry(aes(m.dek())), protection);
            KeyStoreFiles.write(ks, file, password, WHAT);
        } catch (GeneralSecurityException e) {
            throw new IOException("storing the SP-TSM keys in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The master set in {@code file}.
     *
     * @throws IOException naming the file when it does not open, or does not hold exactly one key
     *     version with its ENC, MAC and DEK (AES-128 or AES-256)
     */
    public static DiversifiedKeys load(Path file, char[] password) throws IOException {
        KeyStore ks = KeyStoreFiles.read(file, password, WHAT);
        try {
            byte[][] keys = new byte[3][];
            int kvn = -1;
            for (String alias : Collections.list(ks.aliases())) {
                Matcher m = ALIAS.matcher(alias);
                if (!m.matches()) {
                    throw new IOException("the SP-TSM key store " + file + " holds " + alias
                            + ", not only kvnNN-enc, kvnNN-mac and kvnNN-dek");
                }
                int v = Integer.parseInt(m.group(1), 16);
                if (kvn >= 0 && v != kvn) {
                    throw new IOException("the SP-TSM key store " + file + " holds two key versions");
                }
                kvn = v;
                KeyStore.Entry e = ks.getEntry(alias, new KeyStore.PasswordProtection(password));
                if (!(e instanceof KeyStore.SecretKeyEntry s)) {
                    throw new IOException("the SP-TSM key store " + file + ": " + alias + " is not a secret key");
                }
                keys[switch (m.group(2)) {
                    case "enc" -> 0;
                    case "mac" -> 1;
                    default -> 2;
                }] = s.getSecretKey().getEncoded();
            }
            if (keys[0] == null || keys[1] == null || keys[2] == null) {
                throw new IOException("the SP-TSM key store " + file + " lacks one of ENC, MAC and DEK");
            }
            return new DiversifiedKeys(new StaticKeys(kvn, keys[0], keys[1], keys[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the SP-TSM key store " + file + ": " + e.getMessage(), e);
        }
    }

    private static SecretKey aes(byte[] key) {
        return new SecretKeySpec(key, "AES");
    }
}
