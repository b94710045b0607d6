package dev.inkan.tsm.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * The PKCS#12 files the CAs keep their keys in (the JPKI CA, the HTTPS API's operator CA): read
 * whole, and written beside the old file and moved into place, so a crash never leaves half a
 * key store where the keys were.
 */
public final class KeyStoreFiles {
    private KeyStoreFiles() {
    }

    /** A new, empty PKCS#12 key store. */
    public static KeyStore empty() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }

    /** Writes {@code ks} to {@code file} atomically; {@code what} names the store in the error. */
    public static void write(KeyStore ks, Path file, char[] password, String what) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("writing the " + what + " key store " + file, e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The key store in {@code file}.
     *
     * @throws IOException naming {@code what} and the file, when it cannot be read, is not PKCS#12,
     *     or the password is wrong
     */
    public static KeyStore read(Path file, char[] password, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("reading the " + what + " key store " + file + " (not PKCS#12, or the wrong"
                    + " password): " + e.getMessage(), e);
        }
    }
}
