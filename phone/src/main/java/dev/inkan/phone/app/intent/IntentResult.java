package dev.inkan.phone.app.intent;

/** What the JPKI app answers a business app. */
public sealed interface IntentResult {
    /** Served: the signature, or the certificate (DER); empty for an operation that returns nothing. */
    record Served(byte[] data) implements IntentResult {
        public Served {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** The user was asked and declined (or cancelled the PIN entry). */
    record Declined() implements IntentResult {
    }

    /** Refused, with the reason a business app can act on and a message for its log. */
    record Refused(Reason reason, String message) implements IntentResult {
    }

    enum Reason {
        /** ACC-2: issuance and management are never served to a business app. */
        NOT_A_USE,
        /** The request lacks its input (no data to sign, no challenge, no certificate named). */
        BAD_REQUEST,
        /** The applet refused (wrong or blocked PIN, key locked or absent, certificate not stored). */
        APPLET_REFUSED
    }

    default boolean served() {
        return this instanceof Served;
    }
}
