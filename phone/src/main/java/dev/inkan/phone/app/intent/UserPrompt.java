package dev.inkan.phone.app.intent;

import dev.inkan.generated.scripts.CertType;
import java.util.Optional;

/**
 * The JPKI app's screen in front of its user: it names the business app and the operation and
 * asks for consent, and for the PIN of the key the operation needs (null: none needed). An empty
 * answer means the user declined.
 */
@FunctionalInterface
public interface UserPrompt {
    Optional<String> consent(String callerPackage, IntentOp op, CertType pinOf);

    /** A user who declines everything. */
    UserPrompt DECLINE = (caller, op, pinOf) -> Optional.empty();
}
