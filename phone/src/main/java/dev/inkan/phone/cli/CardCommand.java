package dev.inkan.phone.cli;

import dev.inkan.phone.face.Face;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code inkan card --pcsc}: a personalized Individual Number Card (REQ SYS-7) for PC/SC programs. */
@Command(name = "card", mixinStandardHelpOptions = true,
        description = "Serve a personalized Individual Number Card (JPKI AP) to PC/SC programs through vpcd.")
public final class CardCommand extends ServeOptions implements Callable<Integer> {
    @Override
    Face face() {
        return Face.CARD;
    }

    @Override
    public Integer call() throws Exception {
        return serve();
    }
}
