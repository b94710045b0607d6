package dev.inkan.se.transport;

import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.util.function.Consumer;

/** Logs every command and response as hex lines ({@code >> } and {@code << }) to a sink. */
public final class LoggingTransport implements Transport {
    private final Transport inner;
    private final Consumer<String> sink;

    public LoggingTransport(Transport inner, Consumer<String> sink) {
        this.inner = inner;
        this.sink = sink;
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        sink.accept(">> " + Hex.encode(command));
        byte[] response = inner.transmit(command);
        sink.accept("<< " + Hex.encode(response));
        return response;
    }
}
