package dev.inkan.tsm.push;

/**
 * What the push gateway answers to a send (the FCM HTTP v1 error codes that matter here).
 * {@link #ACCEPTED} says nothing about delivery: an offline device gets the message when it comes
 * back within the TTL, or never.
 */
public enum SendResult {
    /** Taken by the gateway (delivered now, queued for an offline device, or lost on the way). */
    ACCEPTED,
    /** The token's app instance is gone: app removed or reinstalled, phone reset, token rotated (FCM UNREGISTERED, 404). */
    UNREGISTERED,
    /** Not a token the gateway ever issued (FCM INVALID_ARGUMENT, 400). */
    INVALID_ARGUMENT,
    /** The gateway is down or overloaded; retry later (FCM UNAVAILABLE, 503). */
    UNAVAILABLE;

    /** Whether the token is dead and must be dropped from the registry. */
    public boolean tokenDead() {
        return this == UNREGISTERED || this == INVALID_ARGUMENT;
    }
}
