package dev.inkan.se.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.cli.SeCommand;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The configuration file: examples, validation messages naming the key, the ATR, the CLI. */
class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void examplesValidateAndTheMinimalOneStarts() throws Exception {
        SeConfig jpki = SeConfig.load(Path.of("examples/jpki-se.json"));
        assertEquals("33", jpki.isd.minimumSecurityLevel);
        assertEquals(4, jpki.instances.size());
        Path copy = dir.resolve("minimal.json");
        Files.copy(Path.of("examples/minimal.json"), copy);
        SeConfig minimal = SeConfig.load(copy);
        assertEquals(dir.resolve("minimal-se-state.json").toString(), minimal.persistence);
        try (SecureElement se = SecureElement.start(minimal)) {
            assertEquals(Defaults.ATR, Hex.encode(se.atr()));
        }
        assertTrue(Files.exists(dir.resolve("minimal-se-state.json")));
    }

    @Test
    void errorsNameTheKey() throws Exception {
        assertError("{\"isd\": {\"aid\": \"A000000151000000\", \"keySets\": [{\"kvn\": \"30\", \"enc\": \"00\", "
                + "\"mac\": \"404142434445464748494A4B4C4D4E4F\", \"dek\": \"404142434445464748494A4B4C4D4E4F\"}]}}",
                "isd.keySets[0].enc");
        assertError("{\"vpcd\": {\"host\": \"localhost\", \"port\": 0}}", "vpcd.port");
        assertError("{\"atr\": \"3B8A01494E4B414E2D53450100F3\"}", "TCK");
        assertError("{\"logicalChannels\": 21}", "logicalChannels");
        assertError("{\"isd\": {\"aid\": \"A000000151000000\", \"keySets\": [], \"minimumSecurityLevel\": \"01\"}}",
                "isd.keySets");
        assertError("{\"accessRules\": [{\"hash\": \"ABCD\", \"apdu\": \"always\"}]}", "accessRules[0].hash");
        assertError("{\"accessRules\": [{\"apdu\": \"80CA0000FFFF\"}]}", "accessRules[0].apdu");
        assertError("{\"cardLifeCycle\": \"TERMINATED\"}", "cardLifeCycle");
        assertError("{\"instances\": [{\"aid\": \"A0A0A0A0A0\", \"loadFile\": \"A0\", \"module\": \"A0A0A0A0A0\"}]}",
                "instances[0].loadFile");
        assertError("{\"isd\": {\"aid\": \"A000000151000000\", \"minimumSecurityLevel\": \"02\", \"keySets\": []}}",
                "isd");
        assertError("{\"persistance\": \"x.json\"}", "persistance: unknown key");
        assertError("{\"isd\": {\"keysets\": []}}", "isd.keysets: unknown key");
        assertError("{\"instances\": [{\"aid\": \"A0A0A0A0A0\", \"class\": \"x\"}]}", "instances[0].class: unknown key");
        assertError("[1, 2]", "JSON object");
    }

    private void assertError(String json, String key) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, json);
        IOException e = assertThrows(IOException.class, () -> SeConfig.load(f));
        assertTrue(e.getMessage().contains(key), e.getMessage() + " should name " + key);
    }

    @Test
    void unknownAppletClassesAreReportedAtStart() {
        SeConfig c = new SeConfig().addApplet("D392F000260100000001", "dev.inkan.applet.NoSuchApplet", "00", "", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecureElement.start(c));
        assertTrue(e.getMessage().contains("NoSuchApplet"), e.getMessage());
    }

    @Test
    void atrBuilderAndChecker() {
        assertEquals("3B8A01494E4B414E2D53450100F2", Defaults.ATR);
        Atr.check(Hex.decode("3BFA1800008131FE454A434F5033315632333298"));
        assertThrows(IllegalArgumentException.class, () -> Atr.check(Hex.decode("3B8A01494E4B41")));
    }

    @Test
    void commandPrintsTheEffectiveConfiguration() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new SeCommand());
        cl.setOut(new PrintWriter(out));
        int rc = cl.execute("--config", "examples/jpki-se.json", "--vpcd-port", "35999", "--print-config");
        assertEquals(0, rc);
        assertTrue(out.toString().contains("\"port\": 35999"), out.toString());
        Path f = dir.resolve("printed.json");
        Files.writeString(f, out.toString());
        assertEquals("dev.inkan.applet.JpkiApplet", SeConfig.load(f).loadFiles.get(0).modules.get(0).className);
        StringWriter help = new StringWriter();
        CommandLine h = new CommandLine(new SeCommand());
        h.setOut(new PrintWriter(help));
        h.execute("--help");
        assertTrue(help.toString().contains("--config"));
    }
}
