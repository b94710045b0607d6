package dev.inkan.tsm.script;

import java.io.IOException;

/** A TSM's policy refuses a step the SE itself would carry out (rule before applet, no lock of a valid certificate's key...). */
public final class PolicyRefusal extends IOException {
    private static final long serialVersionUID = 1L;

    public PolicyRefusal(String message) {
        super(message);
    }
}
