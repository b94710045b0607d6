package dev.inkan.tsm.http;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The callers' TLS certificates the operator revoked: an X.509 CRL signed by the operator CA, in
 * a file beside its key store ({@code operator-ca.crl}). {@code inkan jpki revoke-caller} adds a
 * certificate to it ({@link #revoke}); the running service reads it again whenever the file
 * changes, so a revocation takes effect at the caller's next request without a restart. A list
 * that does not verify with the CA's key is never taken: the service keeps the one it had and
 * says so once.
 */
public final class CallerRevocations {
    private final Path file;
    private final X509Certificate ca;
    private final Consumer<String> warnings;
    /** The serials of the list last taken, and the file's state when it was read. */
    private volatile java.util.Set<BigInteger> revoked = java.util.Set.of();
    private FileTime readAt;
    private long readSize = -1;

    /**
     * @param warnings told (once per change of the file) when a changed list cannot be taken
     * @throws IOException when the list there at the start is not the CA's: serving without it
     *     would let revoked callers in
     */
    public CallerRevocations(Path file, X509Certificate ca, Consumer<String> warnings) throws IOException {
        this.file = file;
        this.ca = ca;
        this.warnings = warnings;
        if (Files.exists(file)) {
            readAt = Files.getLastModifiedTime(file);
            readSize = Files.size(file);
            revoked = java.util.Set.copyOf(revokedIn(load(file, ca)).keySet());
        }
    }

    /** Whether {@code caller} (a certificate of the operator CA) is revoked, by the list as the file now holds it. */
    public boolean revoked(X509Certificate caller) {
        refresh();
        return revoked.contains(caller.getSerialNumber());
    }

    /** How many certificates the list taken revokes. */
    public int size() {
        return revoked.size();
    }

    private synchronized void refresh() {
        FileTime at;
        long size;
        try {
            at = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            at = null;
            size = -1;
        } catch (IOException e) {
            return;
        }
        if (java.util.Objects.equals(at, readAt) && size == readSize) {
            return;
        }
        readAt = at;
        readSize = size;
        if (at == null) {
            return; // no list (yet): the last one taken stays, as a deleted file must not unrevoke anyone
        }
        try {
            revoked = java.util.Set.copyOf(revokedIn(load(file, ca)).keySet());
        } catch (IOException e) {
            warnings.accept("the callers' revocation list " + file + " is not taken (" + e.getMessage()
                    + "); the previous one (" + revoked.size() + " revoked) stays");
        }
    }

    /** The revoked serials of {@code crl}, and when. */
    private static Map<BigInteger, Instant> revokedIn(X509CRL crl) {
        Map<BigInteger, Instant> out = new TreeMap<>();
        if (crl.getRevokedCertificates() != null) {
            for (X509CRLEntry e : crl.getRevokedCertificates()) {
                out.put(e.getSerialNumber(), e.getRevocationDate().toInstant());
            }
        }
        return out;
    }

    /**
     * The CRL in {@code file}, which must be signed by {@code ca}.
     *
     * @throws IOException when the file cannot be read, is no CRL, or is not {@code ca}'s
     */
    private static X509CRL load(Path file, X509Certificate ca) throws IOException {
        X509CRL crl;
        try (InputStream in = Files.newInputStream(file)) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(file + " is not an X.509 CRL");
        }
        try {
            if (!crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
                throw new GeneralSecurityException("another issuer");
            }
            crl.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not signed by the operator CA");
        }
        return crl;
    }

    /**
     * Revokes {@code serial} in the list of {@code file}: a new CRL with the serials it had and
     * this one, numbered one higher, written atomically (a reader sees the old list or the new).
     *
     * @return false when the serial was revoked already (nothing written)
     * @throws IOException when the present list cannot be taken, or cannot be written
     */
    public static boolean revoke(Path file, OperatorCa operator, BigInteger serial, Instant now) throws IOException {
        X509CRL present = Files.exists(file) ? load(file, operator.certificate()) : null;
        Map<BigInteger, Instant> revoked = present == null ? new TreeMap<>() : revokedIn(present);
        if (revoked.containsKey(serial)) {
            return false;
        }
        BigInteger number = present == null ? BigInteger.ONE : crlNumber(present).add(BigInteger.ONE);
        revoked.put(serial, now);
        X509CRL crl = operator.revocationList(revoked, number, now);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, crl.getEncoded());
        } catch (java.security.cert.CRLException e) {
            throw new IOException("encoding the callers' revocation list", e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (ext == null) {
            return BigInteger.ZERO;
        }
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getValue();
    }
}
