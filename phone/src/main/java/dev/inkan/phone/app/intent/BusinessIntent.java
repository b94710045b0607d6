package dev.inkan.phone.app.intent;

import dev.inkan.generated.scripts.CertType;
import java.util.Objects;

/**
 * A business app's request to the JPKI app: who asks (its package, shown to the user), what for,
 * and the operation's input: the data to sign (SIGN_DATA), the relying party's challenge
 * (AUTHENTICATE), or which certificate (READ_CERTIFICATE; null for the others).
 */
public record BusinessIntent(String callerPackage, IntentOp op, CertType certificate, byte[] data) {
    public BusinessIntent {
        Objects.requireNonNull(callerPackage, "callerPackage");
        Objects.requireNonNull(op, "op");
        data = data == null ? new byte[0] : data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public static BusinessIntent of(String callerPackage, IntentOp op) {
        return new BusinessIntent(callerPackage, op, null, null);
    }
}
