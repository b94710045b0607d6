package dev.inkan.properties.protocol;

import java.util.List;

/** One way through a protocol (its alt, opt and loop blocks decided) and the model events it fires in order. */
public record ProtocolSequence(String protocol, String label, List<Fired> events) {
    public ProtocolSequence {
        events = List.copyOf(events);
    }

    public static ProtocolSequence sequence(String protocol, String label, List<Fired> events) {
        return new ProtocolSequence(protocol, label, events);
    }

    @Override
    public String toString() {
        return protocol + " (" + label + ")";
    }
}
