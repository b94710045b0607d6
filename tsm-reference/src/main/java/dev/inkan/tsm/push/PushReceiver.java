package dev.inkan.tsm.push;

/** The app instance's message handler (FirebaseMessagingService.onMessageReceived). */
@FunctionalInterface
public interface PushReceiver {
    void onMessage(PushMessage message);
}
