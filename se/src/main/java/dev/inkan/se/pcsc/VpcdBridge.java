package dev.inkan.se.pcsc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;

/**
 * Connects a {@link VirtualCard} to vsmartcard's vpcd driver in pcscd, so every PC/SC program sees
 * it in the reader "Virtual PCD". vpcd listens (default localhost:35963); the card side connects.
 * Frames on the socket are a two-byte big-endian length then the payload; a one-byte payload is a
 * control code ('00' power off, '01' power on, '02' reset, '04' get ATR, answered with the ATR),
 * anything longer is a command APDU answered with the response APDU. The bridge reconnects when
 * vpcd goes away, until {@link #close()}.
 *
 * <pre>{@code
 * try (VpcdBridge bridge = VpcdBridge.start(new SecureElementCard(se), "localhost", 35963, log::info)) {
 *     bridge.awaitConnected(Duration.ofSeconds(5));
 *     ...
 * }
 * }</pre>
 */
public final class VpcdBridge implements AutoCloseable {
    static final int POWER_OFF = 0;
    static final int POWER_ON = 1;
    static final int RESET = 2;
    static final int GET_ATR = 4;

    private final VirtualCard card;
    private final String host;
    private final int port;
    private final Consumer<String> log;
    private final Thread thread;
    private final AtomicLong commands = new AtomicLong();
    private volatile boolean running = true;
    private volatile Socket socket;
    private volatile CountDownLatch connected = new CountDownLatch(1);

    private VpcdBridge(VirtualCard card, String host, int port, Consumer<String> log) {
        this.card = card;
        this.host = host;
        this.port = port;
        this.log = log;
        this.thread = new Thread(this::run, "vpcd-bridge-" + host + ":" + port);
        this.thread.setDaemon(true);
    }

    /** Starts the bridge thread; it connects (and reconnects) in the background. */
    public static VpcdBridge start(VirtualCard card, String host, int port, Consumer<String> log) {
        VpcdBridge b = new VpcdBridge(card, host, port, log == null ? s -> { } : log);
        b.thread.start();
        return b;
    }

    /** Waits until the bridge is connected to vpcd; false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isConnected() {
        Socket s = socket;
        return s != null && s.isConnected() && !s.isClosed();
    }

    /** Command APDUs processed so far. */
    public long commands() {
        return commands.get();
    }

    private void run() {
        boolean reported = false;
        while (running) {
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), 2000);
                quickAck(s);
                socket = s;
                reported = false;
                log.accept("connected to vpcd at " + host + ":" + port);
                connected.countDown();
                serve(s);
            } catch (IOException e) {
                if (running && !reported) {
                    log.accept("vpcd at " + host + ":" + port + " not reachable (" + e.getMessage()
                            + "); is pcscd with vsmartcard-vpcd running? retrying");
                    reported = true;
                }
            } finally {
                if (socket != null && running) {
                    log.accept("disconnected from vpcd");
                    connected = new CountDownLatch(1);
                }
                socket = null;
            }
            if (running) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void serve(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        while (running) {
            int length;
            try {
                length = in.readUnsignedShort();
            } catch (EOFException e) {
                return;
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            quickAck(s);
            if (length == 1) {
                switch (payload[0]) {
                    case POWER_OFF:
                        card.powerOff();
                        break;
                    case POWER_ON:
                    case RESET:
                        card.powerOn();
                        break;
                    case GET_ATR:
                        write(out, card.atr());
                        break;
                    default:
                        log.accept("unknown vpcd control code " + payload[0]);
                }
            } else if (length > 1) {
                byte[] response = card.transmit(payload);
                commands.incrementAndGet();
                write(out, response);
            }
            quickAck(s);
        }
    }

    /**
     * Acknowledges received segments at once (Linux TCP_QUICKACK, which the kernel clears again
     * when we send, hence re-armed after every exchange). vpcd writes the length and the APDU of a frame in separate sends on
     * a socket with Nagle's algorithm, so a delayed ACK here would stall every APDU by ~40 ms.
     */
    private static void quickAck(Socket s) {
        try {
            if (s.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
                s.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // an optimisation only
        }
    }

    private static void write(OutputStream out, byte[] data) throws IOException {
        byte[] frame = new byte[2 + data.length];
        frame[0] = (byte) (data.length >>> 8);
        frame[1] = (byte) data.length;
        System.arraycopy(data, 0, frame, 2, data.length);
        out.write(frame);
        out.flush();
    }

    /** Disconnects; pcscd then sees the card removed. */
    @Override
    public void close() {
        running = false;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
