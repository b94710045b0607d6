package dev.inkan.bench.applet;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.phone.face.Face;
import dev.inkan.phone.face.JpkiSecureElement;
import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.util.Hex;
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
 * GENERATE KEY PAIR (RSA-2048, e = 65537, REQ CRY-1) under SCP03 level 33 through the SP
 * domain, one generation per invocation (the slot is wiped before each, outside the timing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KeyGenerationBenchmark {
    private SecureElement se;
    private SecureChannelTransport sc;
    private byte[] generate;
    private byte[] wipe;

    @Setup(Level.Trial)
    public void open() throws IOException {
        se = JpkiSecureElement.start(Face.PHONE);
        Sw.check(se.transmit(JpkiApCommands.selectAp().apdu()));
        sc = Scp03Host.open(se.contact(), JpkiSecureElement.SP_KEYS, Scp03Host.Options.level(0x33)
                .verifyingChallengeFor(Hex.decode(JpkiSecureElement.SP_DOMAIN)));
        generate = JpkiApCommands.generateKey(CertType.AUTH).apdu();
        wipe = JpkiApCommands.wipeKey(CertType.AUTH).apdu();
    }

    @Setup(Level.Invocation)
    public void emptySlot() throws IOException {
        int sw = Sw.of(sc.transmit(wipe));
        if (sw != 0x9000 && sw != 0x6985) {
            throw new IllegalStateException("WIPE KEY: " + Integer.toHexString(sw));
        }
    }

    @Benchmark
    public byte[] generateKeyPair() throws IOException {
        return Sw.check(sc.transmit(generate));
    }

    @TearDown(Level.Trial)
    public void close() {
        se.close();
    }
}
