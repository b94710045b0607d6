package dev.inkan.phone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli faces of {@code inkan card} and {@code inkan phone}: options, defaults, refusals. */
class ServeCommandsTest {
    static String[] run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void helpNamesTheOptionsAndTheRecordDefaultsPerCommand() {
        String[] card = run(new CardCommand(), "--help");
        assertEquals("0", card[0]);
        for (String o : new String[] {"--pcsc", "--vpcd-host", "--vpcd-port", "--record", "--auth-pin", "--sign-password"}) {
            assertTrue(card[1].contains(o), o + " in\n" + card[1]);
        }
        assertTrue(card[1].contains("jpki-card.json"), card[1]);
        assertTrue(run(new PhoneCommand(), "--help")[1].contains("jpki-phone.json"));
    }

    @Test
    void pcscIsRequiredAndPinsMustHaveTheirFormat() {
        assertEquals("2", run(new CardCommand())[0]);
        String[] badPin = run(new PhoneCommand(), "--pcsc", "--auth-pin", "12345");
        assertEquals("2", badPin[0]);
        assertTrue(badPin[2].contains("4 digits"), badPin[2]);
        String[] badPassword = run(new CardCommand(), "--pcsc", "--sign-password", "abc123");
        assertEquals("2", badPassword[0]);
        assertTrue(badPassword[2].contains("upper-case"), badPassword[2]);
    }
}
