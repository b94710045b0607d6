package dev.inkan.phone.app.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.phone.app.AppFaults;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.push.PushMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app's push receiver acts on well-formed deletion notices for its own phone only (LIFE-8). */
class DeletionNoticeReceiverTest {
    private final List<String> acknowledged = new ArrayList<>();

    private DeletionNoticeReceiver receiver(AppFaults faults) {
        return new DeletionNoticeReceiver("handset-1", (h, t, r) -> acknowledged.add(h + " " + t + " " + r), faults);
    }

    private static PushMessage notice(String kind, String handset, String type) {
        return new PushMessage(kind, type == null ? Map.of("handset", handset) : Map.of("handset", handset, "type", type,
                "deletion", "7", "receipt", "r" + type), Duration.ofHours(1));
    }

    @Test
    void aNoticeForThisPhoneIsAcknowledgedEveryTimeItArrives() {
        DeletionNoticeReceiver r = receiver(AppFaults.NONE);
        r.onMessage(notice(JpkiService.DELETION_NOTICE, "handset-1", "SIGN"));
        r.onMessage(notice(JpkiService.DELETION_NOTICE, "handset-1", "SIGN"));
        r.onMessage(notice(JpkiService.DELETION_NOTICE, "handset-1", "AUTH"));
        // push delivers at least once: the service makes a repeated acknowledgement harmless, the app passes each on
        assertEquals(List.of("handset-1 SIGN rSIGN", "handset-1 SIGN rSIGN", "handset-1 AUTH rAUTH"), acknowledged);
        assertEquals(List.of(), r.ignored());
    }

    @Test
    void otherKindsOtherPhonesAndUnknownKeysAreDroppedWithTheReason() {
        DeletionNoticeReceiver r = receiver(AppFaults.NONE);
        r.onMessage(notice("marketing", "handset-1", "SIGN"));
        r.onMessage(notice(JpkiService.DELETION_NOTICE, "handset-2", "SIGN"));
        r.onMessage(notice(JpkiService.DELETION_NOTICE, "handset-1", "BOTH"));
        r.onMessage(notice(JpkiService.DELETION_NOTICE, "handset-1", null));
        // the receipt shows the service the notice reached this app: without it there is nothing to prove
        r.onMessage(new PushMessage(JpkiService.DELETION_NOTICE, Map.of("handset", "handset-1", "type", "SIGN"),
                Duration.ofHours(1)));
        assertEquals(List.of(), acknowledged);
        List<String> why = r.ignored();
        assertEquals(5, why.size());
        assertTrue(why.get(4).contains("without its receipt"), why.get(4));
        assertTrue(why.get(0).contains("not a deletion notice"), why.get(0));
        assertTrue(why.get(1).contains("handset-2 reached handset-1"), why.get(1));
        assertTrue(why.get(2).contains("BOTH"), why.get(2));
        assertTrue(why.get(3).contains("null"), why.get(3));
        assertEquals(CertType.SIGN, CertType.valueOf("SIGN"));
    }

    @Test
    void theTestOnlyFaultDropsEveryNotice() {
        receiver(AppFaults.of(AppFaults.Fault.DROP_DELETION_NOTICES))
                .onMessage(notice(JpkiService.DELETION_NOTICE, "handset-1", "AUTH"));
        assertEquals(List.of(), acknowledged);
    }
}
