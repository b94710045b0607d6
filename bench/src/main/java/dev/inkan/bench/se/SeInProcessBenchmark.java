package dev.inkan.bench.se;

import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * Commands per second through the ISD of the simulated SE, in process: host wrap (C-DEC, C-MAC),
 * card unwrap, dispatch, card wrap (R-ENC, R-MAC), host unwrap at security level 33; a plain
 * command for the dispatch cost alone; and a state-changing command with the persistence file
 * (one atomic, fsynced image write per command). Run with {@code bench/run SeInProcess}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SeInProcessBenchmark {
    static final StaticKeys KEYS = StaticKeys.of(0x30, Defaults.TEST_KEY, Defaults.TEST_KEY, Defaults.TEST_KEY);
    static final byte[] GET_STATUS = GpCommands.getStatus(0x80, new byte[0], false);
    static final byte[] GET_DATA = GpCommands.getData(0xCF);

    private SecureElement se;
    private SecureElement persisted;
    private SecureChannelTransport session;
    private SecureChannelTransport persistedSession;
    private Path dir;
    private int toggle;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        se = SecureElement.start(new SeConfig());
        session = open(se);
        dir = Files.createTempDirectory("inkan-se-bench");
        SeConfig c = new SeConfig();
        c.persistence = dir.resolve("se.json").toString();
        persisted = SecureElement.start(c);
        persistedSession = open(persisted);
    }

    static SecureChannelTransport open(SecureElement se) throws IOException {
        Sw.check(se.transmit(GpCommands.select(Aid.of(Defaults.ISD_AID))));
        return Scp03Host.open(se.contact(), KEYS, Scp03Host.Options.level(SecurityLevel.FULL));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        se.close();
        persisted.close();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** GET STATUS of the ISD at SL 33 (33-byte answer, R-ENC + R-MAC). */
    @Benchmark
    public byte[] getStatusSl33() throws IOException {
        return Sw.check(session.transmit(GET_STATUS));
    }

    /** GET DATA 'CF' without secure messaging, outside a session: runtime and dispatch only. */
    @Benchmark
    public byte[] getDataPlain() {
        se.transmit(GpCommands.select(Aid.of(Defaults.ISD_AID)));
        return se.transmit(GET_DATA);
    }

    /** STORE DATA of the IIN at SL 33 with persistence: every command changes state and writes the image. */
    @Benchmark
    public byte[] storeDataSl33Persisted() throws IOException {
        toggle ^= 1;
        byte[] cmd = GpCommands.storeData(0x90, 0, Hex.decode(toggle == 0 ? "4203000001" : "4203000002"));
        return Sw.check(persistedSession.transmit(cmd));
    }
}
