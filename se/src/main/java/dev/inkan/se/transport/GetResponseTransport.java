package dev.inkan.se.transport;

import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.util.Bytes;
import java.io.IOException;
import java.io.ByteArrayOutputStream;

/**
 * Collects responses split with '61xx' by issuing GET RESPONSE, and repeats a command with the
 * right Le after '6Cxx' (ISO/IEC 7816-4 section 5.3.3, T=0 behaviour).
 */
public final class GetResponseTransport implements Transport {
    private static final int MAX_ROUNDS = 256;
    private final Transport inner;

    public GetResponseTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        byte[] response = inner.transmit(command);
        if ((response[response.length - 2] & 0xFF) == 0x6C && command.length >= 5) {
            byte[] again = command.clone();
            again[again.length - 1] = response[response.length - 1];
            response = inner.transmit(again);
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int rounds = 0;
        while ((response[response.length - 2] & 0xFF) == 0x61 && rounds++ < MAX_ROUNDS) {
            data.write(response, 0, response.length - 2);
            byte cla = Cla.withChannel((byte) 0x00, Cla.channel(command[0]));
            response = inner.transmit(new byte[] {cla, Ins.GET_RESPONSE, 0, 0, response[response.length - 1]});
        }
        if (data.size() == 0) {
            return response;
        }
        data.write(response, 0, response.length);
        return Bytes.slice(data.toByteArray(), 0, data.size());
    }
}
