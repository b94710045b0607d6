package dev.inkan.tsm.push;

import java.time.Duration;
import java.util.Map;

/**
 * A data message to one app instance (FCM-like): a kind, string data, and a time to live after
 * which the gateway drops it undelivered ({@link Duration#ZERO}: now or never).
 */
public record PushMessage(String kind, Map<String, String> data, Duration ttl) {
    public PushMessage {
        data = Map.copyOf(data);
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("negative TTL");
        }
    }
}
