package dev.inkan.bench.se;

import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.pcsc.PcscLibrary;
import dev.inkan.se.pcsc.SecureElementCard;
import dev.inkan.se.pcsc.VpcdBridge;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commands per second through the PC/SC face: javax.smartcardio, pcscd, vpcd, our bridge, the
 * SE's ISD at security level 33. Needs pcscd with vsmartcard-vpcd (vpcd on localhost:35963).
 * Run with {@code bench/run SePcsc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SePcscBenchmark {
    private SecureElement se;
    private VpcdBridge bridge;
    private Card card;
    private SecureChannelTransport session;
    private Transport plain;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        PcscLibrary.configure();
        se = SecureElement.start(new SeConfig());
        bridge = VpcdBridge.start(new SecureElementCard(se), "localhost", 35963, System.err::println);
        if (!bridge.awaitConnected(Duration.ofSeconds(10))) {
            throw new IllegalStateException("vpcd not reachable on localhost:35963: start pcscd with vsmartcard-vpcd");
        }
        CardTerminal terminal = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (terminal == null && System.nanoTime() < deadline) {
            for (CardTerminal t : TerminalFactory.getDefault().terminals().list()) {
                if (t.getName().contains("Virtual PCD") && t.isCardPresent()) {
                    terminal = t;
                }
            }
            Thread.sleep(100);
        }
        if (terminal == null) {
            throw new IllegalStateException("the card did not appear in a Virtual PCD reader");
        }
        card = terminal.connect("*");
        CardChannel ch = card.getBasicChannel();
        plain = command -> {
            try {
                return ch.transmit(new CommandAPDU(command)).getBytes();
            } catch (javax.smartcardio.CardException e) {
                throw new IOException(e);
            }
        };
        Sw.check(plain.transmit(GpCommands.select(Aid.of(Defaults.ISD_AID))));
        session = Scp03Host.open(plain, SeInProcessBenchmark.KEYS, Scp03Host.Options.level(SecurityLevel.FULL));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        card.disconnect(true);
        bridge.close();
        se.close();
    }

    /** GET STATUS of the ISD at SL 33 through pcscd and vpcd. */
    @Benchmark
    public byte[] getStatusSl33() throws IOException {
        return Sw.check(session.transmit(SeInProcessBenchmark.GET_STATUS));
    }
}
