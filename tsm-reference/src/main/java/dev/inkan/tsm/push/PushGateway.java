package dev.inkan.tsm.push;

/**
 * The push service the JPKI service sends through (FCM-like, REQ STD-3, LIFE-8): a message to the
 * app instance a token names. Implementations: {@link SimulatedPushGateway} (in process, with the
 * real service's failure modes); a client of the real gateway would sit here.
 */
@FunctionalInterface
public interface PushGateway {
    SendResult send(String token, PushMessage message);
}
