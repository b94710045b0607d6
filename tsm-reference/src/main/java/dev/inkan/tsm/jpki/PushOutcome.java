package dev.inkan.tsm.jpki;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.tsm.push.SendResult;
import java.util.List;

/**
 * One push attempt of a deletion notice: the gateway's answers (one per registered token on the
 * phone; none when no token is registered), the deletion's state after it, and whether the holder
 * was warned that the phone may still hold the key (LIFE-8).
 */
public record PushOutcome(String handset, CertType type, List<SendResult> results, DeletionState state, boolean warned) {
    public PushOutcome {
        results = List.copyOf(results);
    }

    /** The app acknowledged the notice during the attempt. */
    public boolean delivered() {
        return state == DeletionState.DELIVERED;
    }
}
