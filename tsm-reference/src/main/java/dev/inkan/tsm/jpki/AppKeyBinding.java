package dev.inkan.tsm.jpki;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A request to bind a new app-instance key ({@link AppInstanceKey}) to a person on a phone (REQ
 * LIFE-13), for an installation that no application introduced: the app was reinstalled, or
 * installed after issuance. A key of the phone (the authentication key, or the signature key on a
 * phone that holds only that) signs its {@link #encode() encoding} in the SE after its PIN (CMS
 * SignedData, like a {@link RevocationRequest}); {@link JpkiService#bindAppKey} accepts it only
 * from a certificate the registry holds for that person on that phone, Active. The key it
 * replaces stops working.
 *
 * <p>Encoding: UTF-8 lines {@code JPKI app key binding 1}, {@code person: ID}, {@code handset: ID},
 * {@code app-key: BASE64}, {@code nonce: HEX}, {@code time: ISO-8601}; nothing else.
 */
public record AppKeyBinding(long person, String handset, String appKey, String nonce, Instant time) {
    static final String MAGIC = "JPKI app key binding 1";

    public AppKeyBinding {
        Objects.requireNonNull(appKey, "appKey");
        CanonicalLines.requirePersonOnPhone(person, handset, nonce, time);
        AppInstanceKey.parse(appKey);
    }

    /** A binding with a random nonce. */
    public static AppKeyBinding of(long person, String handset, AppInstanceKey key, Instant time) {
        return new AppKeyBinding(person, handset, key.encodedPublicKey(), Application.randomNonce(), time);
    }

    public byte[] encode() {
        return CanonicalLines.encode(MAGIC, "person", person, "handset", handset, "app-key", appKey, "nonce", nonce,
                "time", time);
    }

    /** @throws IllegalArgumentException when {@code bytes} is not a binding in canonical form */
    public static AppKeyBinding decode(byte[] bytes) {
        String[] v = CanonicalLines.read(bytes, MAGIC, "an app key binding", "person", "handset", "app-key", "nonce",
                "time");
        AppKeyBinding b = new AppKeyBinding(CanonicalLines.person(v[0]), v[1], v[2], v[3], CanonicalLines.time(v[4]));
        if (!Arrays.equals(b.encode(), bytes)) {
            throw new IllegalArgumentException("app key binding not in canonical form");
        }
        return b;
    }
}
