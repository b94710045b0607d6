package dev.inkan.se.scp03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.transport.BatchTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch at level 33 (C-MAC, C-DEC, R-MAC, R-ENC) reads the same as the commands sent one by
 * one: each response is unwrapped with the MAC chaining value and counter of its own command.
 */
class BatchTest {
    private static BatchTransport.Command ok(byte[] apdu) {
        return new BatchTransport.Command(apdu, new int[] {0x9000});
    }

    @Test
    void aBatchReadsTheSameAsOneByOneAndStopsAtTheFirstRefusal() throws Exception {
        List<byte[]> commands = List.of(GpCommands.getStatus(0x80, new byte[0], false), GpCommands.getData(0x66),
                GpCommands.getStatus(0x40, new byte[0], false), GpCommands.getData(0xCF));
        List<byte[]> oneByOne = new ArrayList<>();
        try (SecureElement se = TestSe.start()) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            SecureChannelTransport sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
            for (byte[] c : commands) {
                oneByOne.add(sc.transmit(c));
            }
        }
        try (SecureElement se = TestSe.start()) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            SecureChannelTransport sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
            List<BatchTransport.Command> batch = new ArrayList<>();
            commands.forEach(c -> batch.add(ok(c)));
            List<byte[]> batched = sc.transmitBatch(batch);
            assertEquals(commands.size(), batched.size());
            for (int i = 0; i < commands.size(); i++) {
                assertArrayEquals(oneByOne.get(i), batched.get(i), "response " + i);
            }
            assertEquals(4, sc.wrapper().counter());
            // the session goes on after a whole batch
            assertEquals(0x9000, Sw.of(sc.transmit(GpCommands.getData(0x66))));

            // a refused command ends the batch: what follows is not sent, and the session is out of step
            List<BatchTransport.Command> refused = List.of(ok(GpCommands.getData(0x66)), ok(GpCommands.getData(0x0101)),
                    ok(GpCommands.getData(0x66)));
            List<byte[]> stopped = sc.transmitBatch(refused);
            assertEquals(2, stopped.size());
            assertTrue(Sw.of(stopped.get(1)) != 0x9000, "GET DATA of an unknown tag is refused");
            IOException e = assertThrows(IOException.class, () -> sc.transmit(GpCommands.getData(0x66)));
            assertTrue(e.getMessage().contains("after 2 of 3 commands"), e.getMessage());
        }
    }
}
