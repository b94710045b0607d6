package dev.inkan.tsm.push;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An in-process push gateway with the failure modes of the real one (REQ LIFE-8, LIFE-13, STD-3),
 * for tests and the property suites' adapters:
 * <ul>
 *   <li>each app instance gets a token when it registers ({@link #installApp}); reinstalling,
 *       removing the app ({@link #uninstallApp}), a factory reset ({@link #factoryReset}) or a
 *       rotation ({@link #rotateToken}) kills the old token: sends to it answer
 *       {@link SendResult#UNREGISTERED};</li>
 *   <li>a string the gateway never issued answers {@link SendResult#INVALID_ARGUMENT};</li>
 *   <li>an offline device ({@link #setOnline}) gets accepted messages when it comes back within
 *       their TTL; later ones are dropped (TTL expiry); a TTL of zero means now or never;</li>
 *   <li>{@link #loseNext} makes the gateway lose accepted messages silently, {@link #failNext}
 *       answers {@link SendResult#UNAVAILABLE}.</li>
 * </ul>
 * Delivery to an online device is synchronous (the receiver runs inside {@link #send}, outside
 * the gateway's lock), so tests stay deterministic. Thread-safe.
 */
public final class SimulatedPushGateway implements PushGateway {
    /** What happened to one message. */
    public enum Fate { DELIVERED, QUEUED, LOST, EXPIRED, REFUSED }

    /** One send and its fate (log for tests). */
    public record Event(Instant at, String handset, String token, PushMessage message, SendResult result, Fate fate) {
    }

    private static final class Device {
        boolean online = true;
        String token;
        PushReceiver receiver;
        final List<Queued> queue = new ArrayList<>();
    }

    private record Queued(String token, PushMessage message, Instant expires) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Device> devices = new HashMap<>();
    /** Every token ever issued, to its handset (dead ones stay to answer UNREGISTERED). */
    private final Map<String, String> issued = new HashMap<>();
    private final List<Event> log = new ArrayList<>();
    private int lose;
    private int fail;

    public SimulatedPushGateway(Clock clock) {
        this.clock = clock;
    }

    /** A new app instance on {@code handset} registers with the gateway: its token (any older one dies). */
    public synchronized String installApp(String handset, PushReceiver receiver) {
        Device d = devices.computeIfAbsent(handset, h -> new Device());
        d.receiver = receiver;
        d.queue.clear();
        d.token = newToken(handset);
        return d.token;
    }

    /** The gateway rotates the instance's token: the old one dies, the app gets the new one (onNewToken). */
    public synchronized String rotateToken(String handset) {
        Device d = device(handset);
        if (d.receiver == null) {
            throw new IllegalStateException("no app on " + handset);
        }
        d.token = newToken(handset);
        return d.token;
    }

    /** The app is removed: its token dies and queued messages are gone. */
    public synchronized void uninstallApp(String handset) {
        Device d = device(handset);
        d.token = null;
        d.receiver = null;
        d.queue.clear();
    }

    /** A factory reset: as far as push goes, the app instance is gone. */
    public synchronized void factoryReset(String handset) {
        uninstallApp(handset);
    }

    /** Connectivity; coming online delivers queued messages still within their TTL and drops the rest. */
    public void setOnline(String handset, boolean online) {
        List<Runnable> deliveries = new ArrayList<>();
        synchronized (this) {
            Device d = device(handset);
            d.online = online;
            if (online) {
                Instant now = clock.instant();
                for (Iterator<Queued> it = d.queue.iterator(); it.hasNext(); ) {
                    Queued q = it.next();
                    it.remove();
                    if (now.isAfter(q.expires()) || !q.token().equals(d.token)) {
                        log.add(new Event(now, handset, q.token(), q.message(), SendResult.ACCEPTED, Fate.EXPIRED));
                    } else {
                        PushReceiver r = d.receiver;
                        log.add(new Event(now, handset, q.token(), q.message(), SendResult.ACCEPTED, Fate.DELIVERED));
                        deliveries.add(() -> r.onMessage(q.message()));
                    }
                }
            }
        }
        deliveries.forEach(Runnable::run);
    }

    public synchronized boolean online(String handset) {
        return device(handset).online;
    }

    /** The current token of the app instance on {@code handset}, or null. */
    public synchronized String token(String handset) {
        Device d = devices.get(handset);
        return d == null ? null : d.token;
    }

    /** The next {@code n} accepted messages are lost on the way (no error, no delivery). */
    public synchronized void loseNext(int n) {
        lose = n;
    }

    /** The next {@code n} sends answer {@link SendResult#UNAVAILABLE}. */
    public synchronized void failNext(int n) {
        fail = n;
    }

    @Override
    public SendResult send(String token, PushMessage message) {
        PushReceiver deliverTo;
        synchronized (this) {
            Instant now = clock.instant();
            String handset = issued.get(token);
            if (fail > 0) {
                fail--;
                log.add(new Event(now, handset, token, message, SendResult.UNAVAILABLE, Fate.REFUSED));
                return SendResult.UNAVAILABLE;
            }
            if (handset == null) {
                log.add(new Event(now, null, token, message, SendResult.INVALID_ARGUMENT, Fate.REFUSED));
                return SendResult.INVALID_ARGUMENT;
            }
            Device d = device(handset);
            if (!token.equals(d.token)) {
                log.add(new Event(now, handset, token, message, SendResult.UNREGISTERED, Fate.REFUSED));
                return SendResult.UNREGISTERED;
            }
            if (lose > 0) {
                lose--;
                log.add(new Event(now, handset, token, message, SendResult.ACCEPTED, Fate.LOST));
                return SendResult.ACCEPTED;
            }
            if (!d.online) {
                if (message.ttl().isZero()) {
                    log.add(new Event(now, handset, token, message, SendResult.ACCEPTED, Fate.EXPIRED));
                } else {
                    d.queue.add(new Queued(token, message, now.plus(message.ttl())));
                    log.add(new Event(now, handset, token, message, SendResult.ACCEPTED, Fate.QUEUED));
                }
                return SendResult.ACCEPTED;
            }
            log.add(new Event(now, handset, token, message, SendResult.ACCEPTED, Fate.DELIVERED));
            deliverTo = d.receiver;
        }
        deliverTo.onMessage(message);
        return SendResult.ACCEPTED;
    }

    /** Everything sent so far, in order. */
    public synchronized List<Event> log() {
        return List.copyOf(log);
    }

    private Device device(String handset) {
        return devices.computeIfAbsent(handset, h -> new Device());
    }

    private String newToken(String handset) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        String t = "fcm:" + HexFormat.of().formatHex(b);
        issued.put(t, handset);
        return t;
    }
}
