package dev.inkan.tsm.http;

/**
 * Who calls the JPKI service's HTTP API, as the organizational unit (OU) of the client
 * certificate the {@link OperatorCa} issued them. Relying parties need no certificate: status,
 * OCSP and CRLs are public.
 */
public enum Role {
    /** The JPKI app on a phone: applications, push tokens, deletion acknowledgements, revocation by the user. */
    APP,
    /** The call centre: suspension, release and revocation on the holder's call, the audit trail. */
    CALL_CENTRE,
    /** A municipal office: revocation of card certificates. */
    MUNICIPALITY
}
