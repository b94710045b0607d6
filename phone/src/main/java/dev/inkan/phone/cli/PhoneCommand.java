package dev.inkan.phone.cli;

import dev.inkan.phone.face.Face;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code inkan phone --pcsc}: the contactless face of a phone whose JPKI applet completed
 * issuance (REQ ACC-3, SYS-6), as an NFC terminal would reach it.
 */
@Command(name = "phone", mixinStandardHelpOptions = true,
        description = "Serve the contactless JPKI AP of an issued phone to PC/SC programs through vpcd.")
public final class PhoneCommand extends ServeOptions implements Callable<Integer> {
    @Override
    Face face() {
        return Face.PHONE;
    }

    @Override
    public Integer call() throws Exception {
        return serve();
    }
}
