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

/**
 * COMPUTE DIGITAL SIGNATURE per second in the simulator (REQ CRY-2): an RSA-2048 PKCS#1 v1.5
 * signature over a SHA-256 DigestInfo with the signature key, the password verified once, each
 * APDU through the SE's runtime and the generated dispatch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {
    private SecureElement se;
    private byte[] sign;

    @Setup(Level.Trial)
    public void issue() throws IOException {
        se = IssuedApplet.start();
        IssuedApplet.selectEf(se, 0x001B);
        IssuedApplet.ok(se, JpkiApCommands.verify(IssuedApplet.ascii(IssuedApplet.SIGN_PASSWORD)).apdu());
        IssuedApplet.selectEf(se, 0x001A);
        byte[] digestInfo = new byte[51];
        System.arraycopy(new byte[] {0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03,
            0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20}, 0, digestInfo, 0, 19);
        sign = JpkiApCommands.computeDigitalSignature(digestInfo).apdu();
        if (IssuedApplet.ok(se, sign).length != 256) {
            throw new IllegalStateException("no 256-byte signature");
        }
    }

    @Benchmark
    public int computeDigitalSignature() {
        return Sw.of(se.transmit(sign));
    }

    @TearDown(Level.Trial)
    public void close() {
        se.close();
    }
}
