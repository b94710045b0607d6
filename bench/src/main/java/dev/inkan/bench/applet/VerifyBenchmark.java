package dev.inkan.bench.applet;

import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** VERIFY of the right user-authentication PIN per second (REQ UX-1): OwnerPIN check and counter reset. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyBenchmark {
    private SecureElement se;
    private byte[] verify;

    @Setup(Level.Trial)
    public void issue() throws IOException {
        se = IssuedApplet.start();
        IssuedApplet.selectEf(se, 0x0018);
        verify = JpkiApCommands.verify(IssuedApplet.ascii(IssuedApplet.AUTH_PIN)).apdu();
        IssuedApplet.ok(se, verify);
    }

    @Benchmark
    public int verifyPin() {
        return Sw.of(se.transmit(verify));
    }

    @TearDown(Level.Trial)
    public void close() {
        se.close();
    }
}
