package dev.inkan.se.pcsc;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points javax.smartcardio at libpcsclite on Linux distributions where the JDK does not find it
 * by itself (Debian puts it under a multiarch directory). Call before the first use of
 * {@code TerminalFactory}; an explicit {@code sun.security.smartcardio.library} wins.
 */
public final class PcscLibrary {
    private static final String PROPERTY = "sun.security.smartcardio.library";
    private static final String[] CANDIDATES = {
        "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
        "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
        "/usr/lib/arm-linux-gnueabihf/libpcsclite.so.1",
        "/usr/lib/i386-linux-gnu/libpcsclite.so.1",
        "/usr/lib64/libpcsclite.so.1",
        "/usr/lib/libpcsclite.so.1",
        "/lib/x86_64-linux-gnu/libpcsclite.so.1",
    };

    private PcscLibrary() {
    }

    /** Sets the library property when unset and a known path exists; returns the path in use (or null). */
    public static String configure() {
        String current = System.getProperty(PROPERTY);
        if (current != null) {
            return current;
        }
        for (String c : CANDIDATES) {
            if (Files.exists(Path.of(c))) {
                System.setProperty(PROPERTY, c);
                return c;
            }
        }
        return null;
    }
}
