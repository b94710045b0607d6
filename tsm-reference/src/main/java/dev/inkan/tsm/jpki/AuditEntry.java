package dev.inkan.tsm.jpki;

import java.time.Instant;

/**
 * One state change of the registry: who did it, to what (subject kind and id), the spec event,
 * and the states before and after (spec spelling; null where no machine state changes).
 */
public record AuditEntry(long id, Instant at, Actor actor, String subject, String subjectId, String event,
                         String fromState, String toState, String detail) {
}
