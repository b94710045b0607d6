package dev.inkan.generated.suites;

import dev.inkan.properties.protocol.ProtocolSequence;
import java.util.List;

/** The generated (package-private) protocol catalog, for the full-system tests in other packages. */
public final class ProtocolCatalog {
    private ProtocolCatalog() {
    }

    public static List<ProtocolSequence> sequences() {
        return Protocols.SEQUENCES;
    }
}
