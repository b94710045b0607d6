package dev.inkan.tsm.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.tsm.ca.Profile.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA's keys survive a restart in a PKCS#12 key store, and a damaged or foreign one is refused. */
class CaKeyStoreTest {
    static final char[] PASSWORD = "correct horse".toCharArray();

    @Test
    void aStoredCaIssuesAsTheOriginalAndABadStoreIsRefused(@TempDir Path dir) throws Exception {
        SecureRandom random = new SecureRandom();
        JpkiCa ca = JpkiCa.generate(random, Clock.systemUTC());
        Path file = dir.resolve("ca.p12");
        ca.store(file, PASSWORD);
        JpkiCa loaded = JpkiCa.load(file, PASSWORD, random, Clock.systemUTC());
        for (Profile p : Profile.values()) {
            assertEquals(ca.caCertificate(p), loaded.caCertificate(p), p.name());
        }
        // a card certificate the loaded CA issues verifies under the original CA certificate
        X509Certificate card = loaded.issueCard(Usage.SIGNATURE, JpkiCa.rsa2048(random).getPublic(),
                new Person("Restart Hanako", "1-1 Chiyoda\nChiyoda-ku, Tokyo", LocalDate.of(1985, 1, 2), "F"));
        card.verify(ca.caCertificate(Profile.of(Profile.Holder.CARD, Usage.SIGNATURE)).getPublicKey());
        assertTrue(loaded.issued(card));

        IOException wrong = assertThrows(IOException.class, () -> JpkiCa.load(file, "wrong".toCharArray(), random,
                Clock.systemUTC()));
        assertTrue(wrong.getMessage() != null);

        // another CA's key under one profile's certificate: refused, not silently used
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        JpkiCa other = JpkiCa.generate(random, Clock.systemUTC());
        Path otherFile = dir.resolve("other.p12");
        other.store(otherFile, PASSWORD);
        KeyStore os = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(otherFile)) {
            os.load(in, PASSWORD);
        }
        String name = Profile.values()[0].name();
        ks.setKeyEntry(name, (PrivateKey) os.getKey(name, PASSWORD), PASSWORD, new Certificate[] {ks.getCertificate(name)});
        Path mixed = dir.resolve("mixed.p12");
        try (OutputStream out = Files.newOutputStream(mixed)) {
            ks.store(out, PASSWORD);
        }
        IOException mismatch = assertThrows(IOException.class, () -> JpkiCa.load(mixed, PASSWORD, random, Clock.systemUTC()));
        assertTrue(mismatch.getMessage().contains("does not match"), mismatch.getMessage());

        // a key store without every profile
        ks.deleteEntry(name);
        try (OutputStream out = Files.newOutputStream(mixed)) {
            ks.store(out, PASSWORD);
        }
        IOException missing = assertThrows(IOException.class, () -> JpkiCa.load(mixed, PASSWORD, random, Clock.systemUTC()));
        assertTrue(missing.getMessage().contains("no key and certificate for " + name), missing.getMessage());
    }
}
