package dev.inkan.tsm.status;

import dev.inkan.tsm.ca.JpkiCa;
import dev.inkan.tsm.ca.Profile;
import dev.inkan.tsm.jpki.AuditEntry;
import dev.inkan.tsm.jpki.CardCertificate;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.jpki.PhoneCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Revocation status for relying parties (REQ SYS-3, LIFE-11): OCSP responses (RFC 6960) and CRLs
 * (RFC 5280) signed by the issuing CA, and the status of a certificate at any past instant, read
 * from the registry's audit trail (a signature is acceptable only if its certificate was good when
 * it was made). Card and phone certificates alike; a suspended phone certificate is revoked with
 * reason certificateHold and good again after its release (LIFE-7).
 */
public final class StatusService {
    /** How long a CRL or OCSP answer is announced to stay current. */
    public static final Duration VALIDITY = Duration.ofHours(1);

    private final JpkiService jpki;
    private final JpkiCa ca;
    private final Clock clock;

    public StatusService(JpkiService jpki) {
        this.jpki = jpki;
        this.ca = jpki.ca();
        this.clock = jpki.clock();
    }

    /** The status now. */
    public CertStatus status(X509Certificate cert) {
        return statusAt(cert, clock.instant());
    }

    /** The status of a certificate of ours at {@code t} (UNKNOWN for others and before issuance). */
    public CertStatus statusAt(X509Certificate cert, Instant t) {
        if (!ca.issued(cert)) {
            return CertStatus.UNKNOWN;
        }
        Profile p = JpkiCa.profileOf(cert);
        return statusAt(p, cert.getSerialNumber(), t);
    }

    CertStatus statusAt(Profile p, BigInteger serial, Instant t) {
        String subject;
        String id;
        if (p.holder == Profile.Holder.PHONE) {
            Optional<PhoneCertificate> r = jpki.phoneCertificateBySerial(serial);
            if (r.isEmpty()) {
                return CertStatus.UNKNOWN;
            }
            subject = "PhoneCert";
            id = Long.toString(r.get().id());
        } else {
            Long card = cardId(serial);
            if (card == null) {
                return CertStatus.UNKNOWN;
            }
            subject = "CardCert";
            id = Long.toString(card);
        }
        String state = null;
        Instant since = null;
        String event = null;
        for (AuditEntry e : jpki.audit(subject, id)) {
            if (e.at().isAfter(t)) {
                break;
            }
            if (e.toState() != null) {
                state = e.toState();
                since = e.at();
                event = e.event();
            }
        }
        if (state == null) {
            return CertStatus.UNKNOWN;
        }
        return switch (state) {
            case "Active" -> CertStatus.GOOD;
            case "Suspended" -> CertStatus.revoked(since, CertStatus.CERTIFICATE_HOLD);
            case "Revoked" -> CertStatus.revoked(since, reason(event));
            case "Expired" -> CertStatus.revoked(since, CertStatus.CESSATION_OF_OPERATION);
            default -> CertStatus.UNKNOWN; // Issuing: not issued yet at t
        };
    }

    private static int reason(String event) {
        return switch (event) {
            case "replace" -> CertStatus.SUPERSEDED;
            case "cardRevoked", "cardExpired" -> CertStatus.CESSATION_OF_OPERATION;
            default -> CertStatus.UNSPECIFIED;
        };
    }

    private Long cardId(BigInteger serial) {
        try (Connection c = jpki.database().connection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM card_certificate WHERE serial = ?")) {
            ps.setString(1, serial.toString(16));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new dev.inkan.tsm.db.DatabaseException(e);
        }
    }

    /**
     * Answers a DER OCSP request for certificates of one of our CAs: a successful response signed by
     * that CA (nonce echoed), malformedRequest for garbage, unauthorized when the request names no
     * CA of ours or several.
     */
    public byte[] ocsp(byte[] request) {
        try {
            OCSPReq req;
            try {
                req = new OCSPReq(request);
            } catch (IOException | RuntimeException e) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            Profile issuer = null;
            List<JpkiCa.OcspAnswer> answers = new ArrayList<>();
            Instant now = clock.instant();
            for (Req r : req.getRequestList()) {
                CertificateID id = r.getCertID();
                Profile p = issuerOf(id, digests);
                if (p == null || (issuer != null && issuer != p)) {
                    return new OCSPRespBuilder().build(OCSPRespBuilder.UNAUTHORIZED, null).getEncoded();
                }
                issuer = p;
                CertStatus s = statusAt(p, id.getSerialNumber(), now);
                answers.add(new JpkiCa.OcspAnswer(id, s.kind() == CertStatus.Kind.REVOKED
                        ? new JpkiCa.Revoked(id.getSerialNumber(), s.revokedAt(), s.reason()) : null,
                        s.kind() == CertStatus.Kind.UNKNOWN));
            }
            if (issuer == null) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            BasicOCSPResp basic = ca.ocsp(issuer, answers, now, now.plus(VALIDITY), nonce);
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("OCSP", e);
        }
    }

    private Profile issuerOf(CertificateID id, DigestCalculatorProvider digests) throws OCSPException {
        for (Profile p : Profile.values()) {
            try {
                if (id.matchesIssuer(new JcaX509CertificateHolder(ca.caCertificate(p)), digests)) {
                    return p;
                }
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    /** Parses an OCSP response (what a relying party gets back). */
    public static OCSPResp parse(byte[] der) throws IOException {
        return new OCSPResp(der);
    }

    /**
     * The current CRL of the CA of {@code p}: every certificate of that profile revoked, suspended
     * (certificateHold) or ended with its card while still within its validity; numbered in order.
     */
    public X509CRL crl(Profile p) {
        Instant now = clock.instant();
        List<JpkiCa.Revoked> entries = new ArrayList<>();
        long number;
        try (Connection c = jpki.database().connection()) {
            String type = p.usage == Profile.Usage.SIGNATURE ? "SIGN" : "AUTH";
            String sql = p.holder == Profile.Holder.PHONE
                    ? "SELECT serial FROM phone_certificate WHERE cert_type = ? AND state IN ('revoked', 'suspended',"
                    + " 'expired') AND not_after > ? ORDER BY id"
                    : "SELECT serial FROM card_certificate WHERE cert_type = ? AND state IN ('revoked', 'expired')"
                    + " AND not_after > ? ORDER BY id";
            List<BigInteger> serials = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, type);
                ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        serials.add(new BigInteger(rs.getString(1), 16));
                    }
                }
            }
            for (BigInteger s : serials) {
                CertStatus st = statusAt(p, s, now);
                if (st.kind() == CertStatus.Kind.REVOKED) {
                    entries.add(new JpkiCa.Revoked(s, st.revokedAt(), st.reason()));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crl_issue (profile, this_update, entries)"
                    + " VALUES (?, ?, ?)", new String[] {"id"})) {
                ps.setString(1, p.name());
                ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setInt(3, entries.size());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    number = rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new dev.inkan.tsm.db.DatabaseException(e);
        }
        return ca.crl(p, BigInteger.valueOf(number), now, now.plus(VALIDITY), entries);
    }

    /** The card certificate a phone certificate links to, as the registry holds it (PRE-5). */
    public CardCertificate linkedCard(PhoneCertificate phone) {
        return jpki.cardCertificateById(phone.cardCertificateId());
    }
}
