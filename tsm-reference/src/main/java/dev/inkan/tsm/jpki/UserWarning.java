package dev.inkan.tsm.jpki;

import java.time.Instant;

/** A warning to the holder that a phone may still hold a revoked key (LIFE-8): a deletion stays pending. */
public record UserWarning(long id, long person, long deletionId, Instant at, String message) {
}
