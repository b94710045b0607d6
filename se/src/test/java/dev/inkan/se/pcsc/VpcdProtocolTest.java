package dev.inkan.se.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.runtime.CardInterface;
import dev.inkan.se.util.Hex;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The vpcd socket protocol against a stand-in for vpcd (no pcscd needed): framing, controls, reconnection. */
class VpcdProtocolTest {
    static byte[] exchange(DataOutputStream out, DataInputStream in, byte[] payload) throws Exception {
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
        byte[] r = new byte[in.readUnsignedShort()];
        in.readFully(r);
        return r;
    }

    static void control(DataOutputStream out, int code) throws Exception {
        out.writeShort(1);
        out.write(code);
        out.flush();
    }

    @Test
    void framingControlsAndReconnection() throws Exception {
        try (ServerSocket vpcd = new ServerSocket(0);
             SecureElement se = TestSe.start();
             VpcdBridge bridge = VpcdBridge.start(new SecureElementCard(se), "localhost", vpcd.getLocalPort(), null)) {
            for (int round = 0; round < 2; round++) {
                try (Socket s = vpcd.accept()) {
                    assertTrue(bridge.awaitConnected(Duration.ofSeconds(5)));
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    assertArrayEquals(se.atr(), exchange(out, in, new byte[] {VpcdBridge.GET_ATR}));
                    control(out, VpcdBridge.POWER_ON);
                    assertEquals("9000", Hex.encode(exchange(out, in, Hex.decode("0070000001")), 1, 2));
                    assertTrue(se.platform().runtime().isOpen(CardInterface.CONTACT, 1));
                    // a reset closes the channel again
                    control(out, VpcdBridge.RESET);
                    assertArrayEquals(se.atr(), exchange(out, in, new byte[] {VpcdBridge.GET_ATR}));
                    assertEquals(false, se.platform().runtime().isOpen(CardInterface.CONTACT, 1));
                    byte[] r = exchange(out, in, GpCommands.getData(0xCF));
                    assertEquals("CF0A000000000000000000009000", Hex.encode(r));
                    control(out, VpcdBridge.POWER_OFF);
                    // an unknown control code is ignored and the session goes on
                    control(out, 0x33);
                    assertArrayEquals(se.atr(), exchange(out, in, new byte[] {VpcdBridge.GET_ATR}));
                }
                // vpcd went away: the bridge reconnects by itself
            }
            assertTrue(bridge.commands() >= 4);
        }
    }
}
