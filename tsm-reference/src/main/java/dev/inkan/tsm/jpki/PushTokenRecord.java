package dev.inkan.tsm.jpki;

import java.time.Instant;

/**
 * The push token the service keeps for the app instance on a handset, against the card holder's
 * record (LIFE-13: the server keeps it, the app registers it again whenever it changes).
 */
public record PushTokenRecord(long person, String handset, String token, boolean registered, Instant changedAt,
                              String reason) {
    /** The spec's state name (spec PushToken). */
    public String specState() {
        return registered ? "Registered" : "Unregistered";
    }
}
