package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the app sends for phone certificates (REQ LIFE-1, LIFE-2): the phone, the certificate
 * types, a fresh nonce, the time, and optionally the app instance's push token and its
 * {@link AppInstanceKey} (LIFE-13). The card signs its {@link #encode() encoding} (CMS
 * SignedData, {@link ApplicationSigner}); the person is the holder of the card signature
 * certificate that signed it, and the app key is bound to that person on that phone.
 *
 * <p>Encoding: UTF-8 lines {@code JPKI phone certificate application 1}, {@code handset: ID},
 * {@code types: AUTH SIGN}, {@code nonce: HEX}, {@code time: ISO-8601}, optional
 * {@code push-token: TOKEN}, optional {@code app-key: BASE64}; nothing else.
 */
public record Application(String handset, Set<CertType> types, String nonce, Instant time, String pushToken,
                          String appKey) {
    static final String MAGIC = "JPKI phone certificate application 1";

    public Application {
        Objects.requireNonNull(handset, "handset");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(time, "time");
        checkHandsetAndNonce(handset, nonce);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no certificate type");
        }
        if (pushToken != null && !isPushToken(pushToken)) {
            throw new IllegalArgumentException("push token: 1-512 printable ASCII characters");
        }
        if (appKey != null) {
            AppInstanceKey.parse(appKey);
        }
        types = Set.copyOf(EnumSet.copyOf(types));
    }

    /** An application with a random nonce, without an app key. */
    public static Application of(String handset, Set<CertType> types, Instant time, String pushToken) {
        return of(handset, types, time, pushToken, null);
    }

    /** An application with a random nonce; {@code appKey}: the {@link AppInstanceKey#encodedPublicKey()} to bind, or null. */
    public static Application of(String handset, Set<CertType> types, Instant time, String pushToken, String appKey) {
        return new Application(handset, types, randomNonce(), time, pushToken, appKey);
    }

    /** What a push token may be: 1-512 printable ASCII characters (FCM tokens are about 160). */
    static boolean isPushToken(String token) {
        return token.matches("[\\x21-\\x7E]{1,512}");
    }

    /** The rules every signed request of the app follows (applications, revocation requests). */
    static void checkHandsetAndNonce(String handset, String nonce) {
        if (!handset.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("handset id: 1-64 of A-Z a-z 0-9 . _ : -");
        }
        if (!nonce.matches("[0-9A-F]{16,64}")) {
            throw new IllegalArgumentException("nonce: 16-64 upper-case hex digits");
        }
    }

    /** 16 random bytes in upper-case hex: the nonce of a signed request. */
    static String randomNonce() {
        byte[] n = new byte[16];
        new java.security.SecureRandom().nextBytes(n);
        return HexFormat.of().withUpperCase().formatHex(n);
    }

    /** Types in wire order (AUTH, SIGN). */
    public List<CertType> orderedTypes() {
        List<CertType> out = new ArrayList<>();
        for (CertType t : CertType.values()) {
            if (types.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    public byte[] encode() {
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        b.append("handset: ").append(handset).append('\n');
        b.append("types:");
        for (CertType t : orderedTypes()) {
            b.append(' ').append(t.name());
        }
        b.append('\n');
        b.append("nonce: ").append(nonce).append('\n');
        b.append("time: ").append(time).append('\n');
        if (pushToken != null) {
            b.append("push-token: ").append(pushToken).append('\n');
        }
        if (appKey != null) {
            b.append("app-key: ").append(appKey).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when {@code bytes} is not an application */
    public static Application decode(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 6 || !lines[0].equals(MAGIC) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not a phone certificate application");
        }
        String handset = field(lines[1], "handset");
        Set<CertType> types = EnumSet.noneOf(CertType.class);
        for (String t : field(lines[2], "types").trim().split(" ")) {
            if (!types.add(CertType.valueOf(t))) {
                throw new IllegalArgumentException("type twice: " + t);
            }
        }
        String nonce = field(lines[3], "nonce");
        Instant time = CanonicalLines.time(field(lines[4], "time"));
        String token = null;
        String appKey = null;
        int at = 5;
        if (at < lines.length - 1 && lines[at].startsWith("push-token: ")) {
            token = field(lines[at++], "push-token");
        }
        if (at < lines.length - 1 && lines[at].startsWith("app-key: ")) {
            appKey = field(lines[at++], "app-key");
        }
        if (at != lines.length - 1) {
            throw new IllegalArgumentException("unexpected lines in the application");
        }
        Application a = new Application(handset, types, nonce, time, token, appKey);
        if (!java.util.Arrays.equals(a.encode(), bytes)) {
            throw new IllegalArgumentException("application not in canonical form");
        }
        return a;
    }


    static String field(String line, String name) {
        String prefix = name + ": ";
        if (!line.startsWith(prefix)) {
            throw new IllegalArgumentException("expected " + name);
        }
        return line.substring(prefix.length());
    }
}
