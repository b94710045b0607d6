package dev.inkan.phone.app.push;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.phone.app.AppFaults;
import dev.inkan.tsm.jpki.JpkiService;
import dev.inkan.tsm.push.PushMessage;
import dev.inkan.tsm.push.PushReceiver;
import java.util.ArrayList;
import java.util.List;

/**
 * The JPKI app's push receiver (LIFE-8): a deletion notice for this phone's key slot is
 * acknowledged to the JPKI service, which then has the SP-TSM run the deletion script through the
 * app. Push delivers at least once, and anyone holding a token can send, so a notice is checked
 * before it is acted on: its kind, that it names this phone, and a key type the applet has.
 * Anything else is dropped and listed in {@link #ignored()}, never acted on.
 */
public final class DeletionNoticeReceiver implements PushReceiver {
    /** The app's call to the JPKI service (over its HTTPS API; in process, the service itself). */
    @FunctionalInterface
    public interface Acknowledgement {
        /** {@code receipt}: the code the notice carried, which shows the service the notice reached this app. */
        void noticeReceived(String handset, CertType type, String receipt);
    }

    private final String handset;
    private final Acknowledgement service;
    private final AppFaults faults;
    private final List<String> ignored = new ArrayList<>();

    public DeletionNoticeReceiver(String handset, Acknowledgement service, AppFaults faults) {
        this.handset = handset;
        this.service = service;
        this.faults = faults;
    }

    @Override
    public void onMessage(PushMessage message) {
        if (!JpkiService.DELETION_NOTICE.equals(message.kind())) {
            ignore("kind " + message.kind() + " is not a deletion notice");
            return;
        }
        String to = message.data().get("handset");
        if (!handset.equals(to)) {
            ignore("a deletion notice for handset " + to + " reached " + handset);
            return;
        }
        CertType type;
        try {
            type = CertType.valueOf(String.valueOf(message.data().get("type")));
        } catch (IllegalArgumentException e) {
            ignore("a deletion notice names no key type the applet has: " + message.data().get("type"));
            return;
        }
        String receipt = message.data().get("receipt");
        if (receipt == null || receipt.isEmpty()) {
            ignore("a deletion notice without its receipt");
            return;
        }
        if (faults.has(AppFaults.Fault.DROP_DELETION_NOTICES)) {
            return;
        }
        service.noticeReceived(handset, type, receipt);
    }

    /** The messages dropped, and why (newest last). */
    public synchronized List<String> ignored() {
        return List.copyOf(ignored);
    }

    private synchronized void ignore(String why) {
        ignored.add(why);
    }
}
