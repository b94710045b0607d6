package dev.inkan.phone.cli;

import dev.inkan.phone.face.Face;
import dev.inkan.phone.face.ServedFace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What {@link CardCommand} and {@link PhoneCommand} share: serve one face through vpcd until interrupted. */
abstract class ServeOptions {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--pcsc", required = true,
            description = "serve it to PC/SC programs through vsmartcard's vpcd driver of pcscd")
    boolean pcsc;

    @Option(names = "--vpcd-host", paramLabel = "HOST", defaultValue = "localhost",
            description = "vpcd host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--vpcd-port", paramLabel = "PORT", defaultValue = "35963",
            description = "vpcd port (default: ${DEFAULT-VALUE}; Debian's vpcd also listens on 35964)")
    int port;

    @Option(names = "--record", paramLabel = "FILE", defaultValue = "jpki-${COMMAND-NAME}.json",
            description = "JSON file recording the PINs and the paths of the certificate files, which are "
                    + "written next to it as DER (default: ${DEFAULT-VALUE})")
    Path record;

    @Option(names = "--auth-pin", paramLabel = "PIN", defaultValue = "1234",
            description = "user-authentication PIN, 4 digits (default: ${DEFAULT-VALUE})")
    String authPin;

    @Option(names = "--sign-password", paramLabel = "PASSWORD", defaultValue = "ABC123",
            description = "signature password, 6 to 16 upper-case letters and digits (default: ${DEFAULT-VALUE})")
    String signPassword;

    @Option(names = "--seconds", paramLabel = "N",
            description = "stop after N seconds (default: run until interrupted)")
    Long seconds;

    abstract Face face();

    Integer serve() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!authPin.matches("[0-9]{4}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--auth-pin: 4 digits (UX-1)");
        }
        if (!signPassword.matches("[A-Z0-9]{6,16}")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sign-password: 6 to 16 upper-case letters and digits (UX-1)");
        }
        ServedFace.Options o = new ServedFace.Options(face(), host, port, record, authPin, signPassword,
                ServedFace.DEFAULT_PERSON, line -> {
                    synchronized (err) {
                        err.println(spec.name() + ": " + line);
                        err.flush();
                    }
                });
        CountDownLatch stop = new CountDownLatch(1);
        try (ServedFace served = ServedFace.start(o)) {
            Thread hook = new Thread(stop::countDown, "inkan-" + spec.name() + "-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            if (!served.awaitConnected(Duration.ofSeconds(10))) {
                err.println(spec.name() + ": vpcd at " + host + ":" + port + " is not answering yet (is pcscd "
                        + "running with vsmartcard-vpcd?); still trying");
                err.flush();
            }
            out.println(spec.name() + ": serving the " + face().token + " AP on vpcd " + host + ":" + port
                    + "; record " + record.toAbsolutePath());
            out.flush();
            if (seconds != null) {
                stop.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: we are stopping anyway
            }
        }
        return 0;
    }
}
