package dev.inkan.se.pcsc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Hex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Test;

/**
 * Through the real PC/SC stack: our bridge connects the SE to vpcd inside pcscd, and
 * javax.smartcardio talks to it like to any card: INITIALIZE UPDATE and EXTERNAL AUTHENTICATE
 * with our host side, then a wrapped command. Needs pcscd with vsmartcard-vpcd (CI's .ci/run
 * starts it); without it the test fails, it does not skip.
 */
class PcscBridgeTest {
    static final String HOST = System.getProperty("inkan.vpcd.host", "localhost");
    static final int PORT = Integer.getInteger("inkan.vpcd.port", 35963);

    static List<CardTerminal> virtualTerminals() {
        PcscLibrary.configure();
        List<CardTerminal> all;
        try {
            all = TerminalFactory.getDefault().terminals().list();
        } catch (Exception e) {
            throw new AssertionError("PC/SC is not reachable (" + e + "). This test needs pcscd running with the"
                    + " vsmartcard-vpcd driver: Debian packages pcscd, vsmartcard-vpcd, libpcsclite1; CI starts them"
                    + " with .ci/run (.ci/start-pcscd). Library: " + System.getProperty("sun.security.smartcardio.library"), e);
        }
        List<CardTerminal> out = new ArrayList<>();
        for (CardTerminal t : all) {
            if (t.getName().contains("Virtual PCD")) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            fail("pcscd runs but has no 'Virtual PCD' reader; install vsmartcard-vpcd and restart pcscd. Readers: " + all);
        }
        return out;
    }

    static CardTerminal awaitCard(List<CardTerminal> terminals, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (CardTerminal t : terminals) {
                if (t.isCardPresent()) {
                    return t;
                }
            }
            Thread.sleep(100);
        }
        fail("no card appeared in " + terminals + " within " + timeout);
        return null;
    }

    @Test
    void secureChannelThroughPcscdAndVpcd() throws Exception {
        List<CardTerminal> terminals = virtualTerminals();
        try (SecureElement se = TestSe.start();
             VpcdBridge bridge = VpcdBridge.start(new SecureElementCard(se), HOST, PORT, System.err::println)) {
            assertTrue(bridge.awaitConnected(Duration.ofSeconds(10)),
                    "vpcd did not accept our connection on " + HOST + ":" + PORT + " (is pcscd running with vpcd?)");
            CardTerminal terminal = awaitCard(terminals, Duration.ofSeconds(15));
            Card card = terminal.connect("*");
            try {
                assertArrayEquals(se.atr(), card.getATR().getBytes());
                CardChannel channel = card.getBasicChannel();
                Transport pcsc = command -> {
                    try {
                        return channel.transmit(new CommandAPDU(command)).getBytes();
                    } catch (javax.smartcardio.CardException e) {
                        throw new java.io.IOException(e);
                    }
                };
                assertEquals(Sw.OK, Sw.of(pcsc.transmit(GpCommands.select(TestSe.ISD))));
                SecureChannelTransport sc = Scp03Host.open(pcsc, TestSe.ISD_KEYS,
                        Scp03Host.Options.level(SecurityLevel.FULL).verifyingChallengeFor(TestSe.ISD.bytes()));
                byte[] status = Sw.check(sc.transmit(GpCommands.getStatus(0x40, new byte[0], false)));
                List<String> aids = new ArrayList<>();
                for (Tlv e : Tlv.parseAll(status, 0, status.length)) {
                    aids.add(Hex.encode(e.find(0x4F).value()));
                }
                assertEquals(List.of(Defaults.ARA_AID, Defaults.FELICA_AID), aids);
                assertTrue(bridge.commands() >= 4);
            } finally {
                card.disconnect(true);
            }
        }
    }
}
