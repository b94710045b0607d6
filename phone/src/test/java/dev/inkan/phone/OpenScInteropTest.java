package dev.inkan.phone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.inkan.phone.face.Face;
import dev.inkan.phone.face.ServedFace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's OpenSC against the Individual Number Card face and the phone's contactless face,
 * through pcscd and vsmartcard's vpcd (REQ ACC-3, SYS-7, CRY-2, UX-1, LIFE-12): OpenSC's JPKI
 * driver (by ATR for the card, by selecting the AP for the phone) lists the four certificates,
 * reads exactly our DER, signs with each key after its PIN so that openssl verifies the
 * signature with the certificate, reports a lower counter after a wrong PIN, and is refused the
 * signature certificate before the password; raw READ BINARY of 4, 7, 9 header bytes, Le 00 and
 * odd Le values return the right bytes. Needs pcscd with vpcd, opensc and openssl (.ci/run
 * installs and starts them); fails, never skips, when they are missing.
 */
class OpenScInteropTest {
    /** vpcd port: Debian's vpcd listens on 35963 and 35964; 35964 leaves the first to the SE's own test. */
    static final int PORT = Integer.getInteger("inkan.opensc.vpcd.port", 35964);
    static final String MODULE = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
    static final String AUTH_TOKEN = "JPKI (User Authentication PIN)";
    static final String SIGN_TOKEN = "JPKI (Digital Signature PIN)";

    @TempDir
    static Path dir;
    static Path openscConf;
    static String reader;

    @BeforeAll
    static void environment() throws Exception {
        for (String tool : new String[] {"opensc-tool", "pkcs15-tool", "pkcs11-tool", "openssl"}) {
            if (run(List.of("sh", "-c", "command -v " + tool)).code != 0) {
                fail(tool + " is missing: install Debian's opensc and openssl (.ci/run does)");
            }
        }
        if (!Files.exists(Path.of(MODULE))) {
            fail(MODULE + " is missing: install Debian's opensc-pkcs11");
        }
        if (!Files.exists(Path.of("/run/pcscd/pcscd.comm"))) {
            fail("pcscd is not running (/run/pcscd/pcscd.comm missing): start it with .ci/start-pcscd");
        }
        // no file caching: every run has new certificates
        openscConf = dir.resolve("opensc.conf");
        Files.writeString(openscConf, "app default {\n  framework pkcs15 {\n    use_file_caching = no;\n  }\n}\n");
        Result list = opensc("opensc-tool", "--list-readers");
        String name = String.format("Virtual PCD 00 %02d", PORT - 35963);
        Matcher m = Pattern.compile("(?m)^(\\d+)\\s+\\S+\\s+.*" + Pattern.quote(name) + "\\s*$").matcher(list.out);
        if (!m.find()) {
            fail("no vpcd reader '" + name + "' for port " + PORT + " (vsmartcard-vpcd installed?):\n" + list.out);
        }
        reader = m.group(1);
    }

    @Test
    void individualNumberCardFace() throws Exception {
        exercise(Face.CARD);
    }

    @Test
    void phoneContactlessFace() throws Exception {
        exercise(Face.PHONE);
    }

    void exercise(Face face) throws Exception {
        awaitCard(false); // another program holding this vpcd port would answer in our place
        Path record = dir.resolve(face.name().toLowerCase() + "/jpki.json");
        List<String> log = new ArrayList<>();
        ServedFace.Options o = new ServedFace.Options(face, "localhost", PORT, record, "2580", "PASS2026",
                ServedFace.DEFAULT_PERSON, log::add);
        try (ServedFace served = ServedFace.start(o)) {
            assertTrue(served.awaitConnected(Duration.ofSeconds(15)), () -> "vpcd on port " + PORT + ": " + log);
            awaitCard(true);
            JsonObject rec = JsonParser.parseString(Files.readString(record)).getAsJsonObject();
            checkRecord(face, rec);
            Certs certs = new Certs(rec.getAsJsonObject("certificates"));

            // the driver: by ATR for the card, by selecting the AP for the phone
            assertEquals("jpki", opensc("opensc-tool", "--reader", reader, "--name").out.strip());
            if (face == Face.CARD) {
                assertTrue(opensc("opensc-tool", "--reader", reader, "--atr").out.replace(":", "").toUpperCase()
                        .contains(face.atr), "the card's ATR");
            }

            // four certificates listed
            Result listing = opensc("pkcs15-tool", "--reader", reader, "--list-certificates");
            assertEquals(4, count(listing.out, "X.509 Certificate ["), listing.out);
            for (String path : new String[] {"000a", "0001", "000b", "0002"}) {
                assertTrue(listing.out.contains("Path           : " + path), path + " in\n" + listing.out);
            }

            // exactly our DER (the signature certificate only after the password)
            assertArrayEquals(certs.auth, readCertificate("01"));
            assertArrayEquals(certs.authCa, readCertificate("03"));
            assertArrayEquals(certs.signCa, readCertificate("04"));
            Result refused = tool("pkcs15-tool", "--reader", reader, "--read-certificate", "02");
            assertNotEquals(0, refused.code, "signature certificate before the password: " + refused.out);
            assertTrue(raw("00A4040C0AD392F000260100000001", "00A4020C020001", "00B0000004").get(2).sw == 0x6982);
            assertArrayEquals(certs.sign, pem(opensc("pkcs15-tool", "--reader", reader, "--verify-pin", "--auth-id",
                    "02", "--pin", "PASS2026", "--read-certificate", "02").out));

            // signatures with each key after its PIN, verified by openssl with the certificate
            Path data = dir.resolve("data-" + face);
            Files.writeString(data, "application for a phone certificate, " + face);
            signAndVerify(data, AUTH_TOKEN, "2580", "01", certs.authFile);
            signAndVerify(data, SIGN_TOKEN, "PASS2026", "02", certs.signFile);

            // a wrong PIN lowers the counter OpenSC reports; the right one restores it
            assertEquals(List.of(3, 5), triesLeft());
            Result wrong = tool("pkcs11-tool", "--module", MODULE, "--token-label", AUTH_TOKEN, "--login", "--pin",
                    "0000", "--list-objects");
            assertTrue(wrong.out.contains("CKR_PIN_INCORRECT"), wrong.out);
            tool("pkcs11-tool", "--module", MODULE, "--token-label", SIGN_TOKEN, "--login", "--pin", "WRONG1",
                    "--list-objects");
            assertEquals(List.of(2, 4), triesLeft());
            opensc("pkcs11-tool", "--module", MODULE, "--token-label", AUTH_TOKEN, "--login", "--pin", "2580",
                    "--list-objects");
            assertEquals(List.of(3, 4), triesLeft());

            // header reads of 4, 7 and 9 bytes, Le 00 and odd Le values
            List<Reply> r = raw("00A4040C0AD392F000260100000001", "00A4020C02000A", "00B0000004", "00B0000007",
                    "00B0000009", "00B0000000", "00B0000013", "00B0010177", "00B00004FF", "00A4020C020006",
                    "00B0000000", "00B0000505");
            for (Reply x : r) {
                assertEquals(0x9000, x.sw, x.toString());
            }
            assertArrayEquals(Arrays.copyOf(certs.auth, 4), r.get(2).data);
            assertArrayEquals(Arrays.copyOf(certs.auth, 7), r.get(3).data);
            assertArrayEquals(Arrays.copyOf(certs.auth, 9), r.get(4).data);
            assertArrayEquals(Arrays.copyOf(certs.auth, 256), r.get(5).data);
            assertArrayEquals(Arrays.copyOf(certs.auth, 0x13), r.get(6).data);
            assertArrayEquals(Arrays.copyOfRange(certs.auth, 0x101, 0x101 + 0x77), r.get(7).data);
            assertArrayEquals(Arrays.copyOfRange(certs.auth, 4, 4 + 0xFF), r.get(8).data);
            String token = face.token + " ".repeat(32 - face.token.length());
            assertEquals(token, new String(r.get(10).data, StandardCharsets.US_ASCII));
            assertEquals(token.substring(5, 10), new String(r.get(11).data, StandardCharsets.US_ASCII));
        }
        awaitCard(false);
    }

    static void checkRecord(Face face, JsonObject rec) {
        assertEquals(face.name().toLowerCase(), rec.get("face").getAsString());
        assertEquals(face.token, rec.get("tokenInfo").getAsString());
        assertEquals("2580", rec.getAsJsonObject("pins").get("userAuthentication").getAsString());
        assertEquals("PASS2026", rec.getAsJsonObject("pins").get("signature").getAsString());
        assertEquals(4, rec.getAsJsonObject("certificates").size());
        assertEquals(face == Face.PHONE, rec.has("cardCertificates"), "a phone names its card certificates");
    }

    /** The four certificate files of a record. */
    static final class Certs {
        final Path authFile;
        final Path signFile;
        final byte[] auth;
        final byte[] authCa;
        final byte[] sign;
        final byte[] signCa;

        Certs(JsonObject j) throws IOException {
            authFile = Path.of(j.get("userAuthentication").getAsString());
            signFile = Path.of(j.get("signature").getAsString());
            auth = Files.readAllBytes(authFile);
            sign = Files.readAllBytes(signFile);
            authCa = Files.readAllBytes(Path.of(j.get("userAuthenticationCa").getAsString()));
            signCa = Files.readAllBytes(Path.of(j.get("signatureCa").getAsString()));
        }
    }

    void signAndVerify(Path data, String token, String pin, String id, Path certificate) throws Exception {
        Path sig = dir.resolve("sig-" + id + "-" + certificate.getFileName());
        opensc("pkcs11-tool", "--module", MODULE, "--token-label", token, "--login", "--pin", pin, "--sign",
                "--mechanism", "SHA256-RSA-PKCS", "--id", id, "-i", data.toString(), "-o", sig.toString());
        assertEquals(256, Files.size(sig));
        Path pub = dir.resolve("pub-" + certificate.getFileName() + ".pem");
        opensc("openssl", "x509", "-inform", "DER", "-in", certificate.toString(), "-pubkey", "-noout", "-out",
                pub.toString());
        Result v = opensc("openssl", "dgst", "-sha256", "-verify", pub.toString(), "-signature", sig.toString(),
                data.toString());
        assertEquals("Verified OK", v.out.strip());
    }

    /** Tries left of the auth PIN and the signature password, as pkcs15-tool reports them. */
    static List<Integer> triesLeft() throws Exception {
        Result pins = opensc("pkcs15-tool", "--reader", reader, "--list-pins");
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("Tries left\\s*:\\s*(\\d+)").matcher(pins.out);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    static byte[] readCertificate(String id) throws Exception {
        return pem(opensc("pkcs15-tool", "--reader", reader, "--read-certificate", id).out);
    }

    static byte[] pem(String text) {
        Matcher m = Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL)
                .matcher(text);
        assertTrue(m.find(), "no PEM certificate in: " + text);
        return Base64.getMimeDecoder().decode(m.group(1));
    }

    /** One response of opensc-tool --send-apdu. */
    record Reply(int sw, byte[] data) {
        @Override
        public String toString() {
            return String.format("%04X %s", sw, HexFormat.of().formatHex(data));
        }
    }

    /** Sends raw APDUs in one card session with opensc-tool and parses the responses. */
    static List<Reply> raw(String... apdus) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("opensc-tool", "--reader", reader));
        for (String a : apdus) {
            cmd.add("--send-apdu");
            cmd.add(a);
        }
        Result r = opensc(cmd.toArray(new String[0]));
        List<Reply> out = new ArrayList<>();
        Matcher m = Pattern.compile("Received \\(SW1=0x([0-9a-fA-F]{2}), SW2=0x([0-9a-fA-F]{2})\\)(:?)").matcher(r.out);
        List<int[]> heads = new ArrayList<>();
        while (m.find()) {
            heads.add(new int[] {Integer.parseInt(m.group(1) + m.group(2), 16), m.end(), m.group(3).isEmpty() ? 0 : 1});
        }
        for (int i = 0; i < heads.size(); i++) {
            int[] h = heads.get(i);
            int end = r.out.indexOf("Sending:", h[1]);
            String body = h[2] == 0 ? "" : r.out.substring(h[1], end < 0 ? r.out.length() : end);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (String line : body.split("\n")) {
                Matcher hex = Pattern.compile("^((?:[0-9A-F]{2} )+)").matcher(line.strip() + " ");
                if (hex.find()) {
                    for (String b : hex.group(1).trim().split(" ")) {
                        data.write(Integer.parseInt(b, 16));
                    }
                }
            }
            out.add(new Reply(h[0], data.toByteArray()));
        }
        assertEquals(apdus.length, out.size(), r.out);
        return out;
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Waits until the reader shows a card (or none). */
    static void awaitCard(boolean present) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            Result list = tool("opensc-tool", "--list-readers");
            for (String line : list.out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 1 && f[0].equals(reader) && f[1].equals(present ? "Yes" : "No")) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        fail("reader " + reader + " (vpcd port " + PORT + ") never showed " + (present ? "a card"
                : "no card: is another program serving a card on that port? -Dinkan.opensc.vpcd.port picks another"));
    }

    record Result(int code, String out) {
    }

    /** Runs an OpenSC or openssl tool; fails on a non-zero exit. */
    static Result opensc(String... cmd) throws Exception {
        Result r = tool(cmd);
        assertEquals(0, r.code, () -> String.join(" ", cmd) + " failed:\n" + r.out);
        return r;
    }

    static Result tool(String... cmd) throws Exception {
        return run(List.of(cmd));
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (openscConf != null) {
            pb.environment().put("OPENSC_CONF", openscConf.toString());
        }
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
