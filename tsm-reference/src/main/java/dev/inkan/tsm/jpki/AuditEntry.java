package dev.inkan.tsm.jpki;

import java.time.Instant;

/**
 * One state change of the registry: who did it, to what (subject kind and id), the spec event,
 * and the states before and after (spec spelling; null where no machine state changes).
 * {@code clientCertificate} is the TLS client certificate of the HTTPS request that caused it,
 * null for in-process callers.
 */
public record AuditEntry(long id, Instant at, Actor actor, String subject, String subjectId, String event,
                         String fromState, String toState, String detail, ClientCertificate clientCertificate) {
}
