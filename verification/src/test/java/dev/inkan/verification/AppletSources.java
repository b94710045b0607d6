package dev.inkan.verification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the applet's proved source lives: the production file itself, read at test time. */
final class AppletSources {
    /** The applet module's main source root (the POM sets it; the default works from verification/). */
    static final Path ROOT = Path.of(System.getProperty("inkan.applet.sources", "../applet/src/main/java"));
    /** The class whose JML contracts KeY proves. */
    static final String RULES_CLASS = "dev.inkan.applet.Rules";
    static final String RULES_PACKAGE = "dev/inkan/applet";
    static final String RULES_FILE = "Rules.java";

    private AppletSources() {
    }

    /** The text of {@code Rules.java} as the applet compiles it. */
    static String rules() throws IOException {
        return Files.readString(ROOT.resolve(RULES_PACKAGE).resolve(RULES_FILE));
    }
}
