package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import java.time.Instant;

/**
 * The remote deletion owed to key slot (handset, type) (spec Deletion): {@link DeletionState#IDLE}
 * with zero attempts when nothing is owed. {@code warned}: a push failed and the holder was warned.
 */
public record DeletionRecord(long id, String handset, CertType type, DeletionState state, int attempts, boolean warned,
                             Instant requestedAt, Instant lastAttemptAt, String lastResult) {
    static DeletionRecord idle(String handset, CertType type) {
        return new DeletionRecord(0, handset, type, DeletionState.IDLE, 0, false, null, null, null);
    }
}
