package dev.inkan.se.cli;

import dev.inkan.se.SecureElement;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.pcsc.SecureElementCard;
import dev.inkan.se.pcsc.VirtualCard;
import dev.inkan.se.pcsc.VpcdBridge;
import dev.inkan.se.util.Hex;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inkan se --config FILE}: starts a simulated GP secure element and connects it to
 * vsmartcard's vpcd, so any PC/SC program sees the card, until interrupted.
 */
@Command(name = "se", mixinStandardHelpOptions = true,
        description = "Run the simulated GlobalPlatform secure element as a PC/SC card through vpcd.")
public final class SeCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "SE configuration (JSON, see se/README.md); default: built-in test configuration")
    Path config;

    @Option(names = "--vpcd-host", paramLabel = "HOST", description = "vpcd host (overrides the configuration)")
    String host;

    @Option(names = "--vpcd-port", paramLabel = "PORT", description = "vpcd port (overrides the configuration)")
    Integer port;

    @Option(names = "--log-apdus", description = "print every command and response APDU")
    boolean logApdus;

    @Option(names = "--print-config", description = "print the effective configuration as JSON and exit")
    boolean printConfig;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SeConfig c = config == null ? new SeConfig().validate() : SeConfig.load(config);
        if (host != null) {
            c.vpcd.host = host;
        }
        if (port != null) {
            c.vpcd.port = port;
        }
        c.validate();
        if (printConfig) {
            out.println(c.toJson());
            out.flush();
            return 0;
        }
        SecureElement se = SecureElement.start(c);
        VirtualCard card = new SecureElementCard(se);
        if (logApdus) {
            VirtualCard inner = card;
            card = new VirtualCard() {
                @Override
                public byte[] atr() {
                    return inner.atr();
                }

                @Override
                public byte[] transmit(byte[] command) {
                    byte[] r = inner.transmit(command);
                    synchronized (out) {
                        out.println(">> " + Hex.encode(command));
                        out.println("<< " + Hex.encode(r));
                        out.flush();
                    }
                    return r;
                }

                @Override
                public void powerOn() {
                    inner.powerOn();
                }

                @Override
                public void powerOff() {
                    inner.powerOff();
                }
            };
        }
        CountDownLatch stop = new CountDownLatch(1);
        VpcdBridge bridge = VpcdBridge.start(card, c.vpcd.host, c.vpcd.port, msg -> {
            err.println("se: " + msg);
            err.flush();
        });
        Thread hook = new Thread(() -> {
            bridge.close();
            se.close();
            stop.countDown();
        }, "se-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("secure element running: ATR " + Hex.encode(se.atr()) + ", ISD " + se.isdAid()
                + (c.persistence != null ? ", state in " + c.persistence : ", no persistence")
                + "; vpcd " + c.vpcd.host + ":" + c.vpcd.port + ". Ctrl-C stops it.");
        out.flush();
        stop.await();
        return 0;
    }

    /** Runs the command on its own (without the inkan launcher). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SeCommand()).execute(args));
    }
}
