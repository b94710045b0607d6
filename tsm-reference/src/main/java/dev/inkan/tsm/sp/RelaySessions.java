package dev.inkan.tsm.sp;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.se.transport.BatchTransport.Command;
import dev.inkan.tsm.jpki.ApplicationResult;
import dev.inkan.tsm.jpki.Refused;
import dev.inkan.tsm.script.AppRelay;
import dev.inkan.tsm.script.PolicyRefusal;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The SP-TSM's issuance sessions with an app over the network (REQ PRE-8; DESIGN: the app only
 * relays scripts, batched so an issuance needs few round trips). The SP-TSM drives: its
 * {@link SpTsm#personalize} runs on a thread of the session and, at every batch, hands the
 * commands (already wrapped with its SCP03 session keys) to the app and waits for the responses.
 * The app polls: it opens the session, runs each batch on its OMAPI channel, and posts the
 * responses back, until the session is done. A session whose app goes silent for {@code patience}
 * ends; the issuance then fails as with a lost channel (the application is abandoned).
 */
public final class RelaySessions implements AutoCloseable {
    /** What the app gets next: a batch to run, the end of the session, or why it failed. */
    public sealed interface Step permits Batch, Done, Failed {
        String session();
    }

    /** Run these commands in order on the channel, stopping after a status word not in {@code continueOn}. */
    public record Batch(String session, List<Command> commands) implements Step {
    }

    /**
     * The session is complete; for an issuance, {@code result} holds the temporary PINs the app
     * replaces with the user's at once (PRE-9), else it is null.
     */
    public record Done(String session, IssuanceResult result) implements Step {
    }

    /** The issuance failed: {@code refused} when the service or the SP-TSM's policy refused, else the SE or the relay failed. */
    public record Failed(String session, String message, Refused refused) implements Step {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SpTsm sp;
    private final Duration patience;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** {@code patience}: how long a session waits for the app's answer (and the app for the SP-TSM's next step). */
    public RelaySessions(SpTsm sp, Duration patience) {
        this.sp = sp;
        this.patience = patience;
    }

    /** Starts the issuance session for {@code accepted} (its handset is the phone the app relays to); the first step. */
    public Step personalize(ApplicationResult accepted) throws IOException {
        return start(accepted.handset(), relay -> sp.personalize(relay, accepted));
    }

    /** Starts a RemoteDeletion LockAndWipe session for the key of type {@code t} on {@code handset}; the first step. */
    public Step lockAndWipe(String handset, CertType t) throws IOException {
        return start(handset, relay -> {
            sp.lockAndWipe(relay, t);
            return null;
        });
    }

    /** What a session runs with the app as its relay. */
    @FunctionalInterface
    private interface Work {
        IssuanceResult run(AppRelay relay) throws IOException;
    }

    private Step start(String handset, Work work) throws IOException {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        Session s = new Session(HexFormat.of().formatHex(id), handset);
        sessions.put(s.id, s);
        Thread t = new Thread(() -> s.run(work), "sp-session-" + s.id.substring(0, 8));
        t.setDaemon(true);
        t.start();
        return s.next();
    }

    /**
     * The app's responses to the last batch of session {@code id}; the next step.
     *
     * @throws IllegalArgumentException when there is no such session (unknown, ended, or timed out)
     * @throws IllegalStateException when the session is not waiting for responses
     */
    public Step answer(String id, List<byte[]> responses) throws IOException {
        Session s = sessions.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no session " + id + " (unknown, ended or timed out)");
        }
        if (!s.inbox.offer(responses)) {
            throw new IllegalStateException("session " + id + " is not waiting for responses");
        }
        return s.next();
    }

    /** Sessions still open (for tests and monitoring). */
    public int open() {
        return sessions.size();
    }

    @Override
    public void close() {
        sessions.values().forEach(s -> s.inbox.offer(List.of()));
        sessions.clear();
    }

    /** One issuance: the SP-TSM's thread on one side of two queues, the app's requests on the other. */
    private final class Session implements AppRelay {
        final String id;
        final String handset;
        final BlockingQueue<Step> outbox = new ArrayBlockingQueue<>(1);
        final BlockingQueue<List<byte[]>> inbox = new ArrayBlockingQueue<>(1);

        Session(String id, String handset) {
            this.id = id;
            this.handset = handset;
        }

        void run(Work work) {
            Step last;
            try {
                last = new Done(id, work.run(this));
            } catch (Refused r) {
                last = new Failed(id, r.getMessage(), r);
            } catch (PolicyRefusal | RuntimeException e) {
                last = new Failed(id, e.getMessage(), null);
            } catch (IOException e) {
                last = new Failed(id, "the SE or the relay failed: " + e.getMessage(), null);
            }
            sessions.remove(id);
            outbox.offer(last);
        }

        /** The SP-TSM's next step, as the app waits for it. */
        Step next() throws IOException {
            try {
                Step s = outbox.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
                if (s == null) {
                    throw new IOException("the SP-TSM did not answer within " + patience);
                }
                return s;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public String handset() {
            return handset;
        }

        /** One network round trip: the batch to the app, its responses back (or the session ends). */
        @Override
        public List<byte[]> transmitBatch(List<Command> commands) throws IOException {
            inbox.clear();
            if (!outbox.offer(new Batch(id, commands))) {
                throw new IOException("session " + id + ": a step is still unread");
            }
            try {
                List<byte[]> r = inbox.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
                if (r == null) {
                    throw new IOException("the app did not answer within " + patience);
                }
                if (r.size() > commands.size() || r.isEmpty() && !commands.isEmpty()) {
                    throw new IOException("the app answered " + r.size() + " responses to " + commands.size()
                            + " commands");
                }
                return r;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public byte[] transmit(byte[] command) throws IOException {
            List<byte[]> r = transmitBatch(List.of(new Command(command, new int[] {0x9000})));
            return r.get(0);
        }
    }
}
