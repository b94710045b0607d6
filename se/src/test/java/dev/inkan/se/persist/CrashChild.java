package dev.inkan.se.persist;

import dev.inkan.se.SecureElement;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.util.Hex;
import java.nio.file.Files;
import java.nio.file.Path;

/** Child process of the crash test: changes persistent state as fast as it can until killed. */
public final class CrashChild {
    private CrashChild() {
    }

    static SeConfig config(Path file) {
        SeConfig c = new SeConfig();
        c.persistence = file.toString();
        return c;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (SecureElement se = SecureElement.start(config(file))) {
            se.transmit(GpCommands.select(dev.inkan.se.util.Aid.of("A000000151000000")));
            byte[] challenge = Hex.decode("0102030405060708");
            for (int i = 0; ; i++) {
                // every INITIALIZE UPDATE advances the sequence counter: one image write each
                se.transmit(Scp03Host.initializeUpdate(0, 0x30, challenge));
                if (i == 20) {
                    Files.writeString(file.resolveSibling(file.getFileName() + ".started"), "x");
                }
            }
        }
    }
}
