package dev.inkan.se.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.ara.AraCommands;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.Privileges;
import dev.inkan.se.scp03.InitializeUpdateResponse;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.testapplets.IssuanceTestApplet;
import dev.inkan.se.testapplets.KeyHoldingTestApplet;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SE keeps registry, keys, counters and applet objects in its file across restarts (atomically). */
class PersistenceTest {
    static final Aid APSD = Aid.of("A000000151000001");
    static final Aid ISSUER_APP = Aid.of("D392F000260100000001");
    static final Aid KEY_APP = Aid.of("D392F000260100000002");
    static final StaticKeys SP = StaticKeys.of(0x31, "11".repeat(16), "22".repeat(16), "33".repeat(16));

    @TempDir
    Path dir;

    SeConfig config() {
        SeConfig c = new SeConfig();
        c.persistence = dir.resolve("se.json").toString();
        c.addApplet(ISSUER_APP.hex(), IssuanceTestApplet.class);
        c.addApplet(KEY_APP.hex(), KeyHoldingTestApplet.class);
        return c;
    }

    /** {@code SecureElement.restore}: a card from a snapshot, without a file, equal to the original and working. */
    @Test
    void aSnapshotRestoresWithoutPersistence() throws Exception {
        SeConfig config = config();
        config.persistence = null;
        String snapshot;
        byte[] modulus;
        try (SecureElement se = SecureElement.start(config)) {
            SecureChannelTransport isd = TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
            TestSe.ok(isd, GpCommands.installForInstall(Aid.of("A0000001515350"), Aid.of("A000000151535041"), APSD,
                    Privileges.SECURITY_DOMAIN | Privileges.AUTHORIZED_MANAGEMENT, new byte[0], true));
            TestSe.ok(se.contact(), GpCommands.select(KEY_APP));
            TestSe.ok(se.contact(), Hex.decode("002000800431323334"));
            modulus = TestSe.ok(se.contact(), Hex.decode("80B0000000"));
            snapshot = se.snapshot();
        }
        try (SecureElement se = SecureElement.restore(config, snapshot)) {
            assertEquals(snapshot, se.snapshot());
            TestSe.ok(se.contact(), GpCommands.select(KEY_APP));
            assertArrayEquals(modulus, TestSe.ok(se.contact(), Hex.decode("80B0000000")));
            // transient state is gone as after a power cycle: the PIN must be verified again
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, TestSe.sw(se.contact(), Hex.decode("802A000003616263")));
            TestSe.open(se, APSD, TestSe.ISD_KEYS, SecurityLevel.FULL);
        }
        assertFalse(Files.exists(dir.resolve("se.json")), "restore writes no file");
        SeConfig persisted = config();
        assertThrows(IllegalArgumentException.class, () -> SecureElement.restore(persisted, snapshot));
    }

    @Test
    void everythingSurvivesARestart() throws Exception {
        SeConfig config = config();
        String snapshot;
        byte[] modulus;
        int counterBefore;
        try (SecureElement se = SecureElement.start(config)) {
            SecureChannelTransport isd = TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
            TestSe.ok(isd, GpCommands.installForInstall(Aid.of("A0000001515350"), Aid.of("A000000151535041"), APSD,
                    Privileges.SECURITY_DOMAIN | Privileges.AUTHORIZED_MANAGEMENT, new byte[0], true));
            TestSe.ok(isd, GpCommands.installForExtradition(APSD, ISSUER_APP));
            TestSe.ok(isd, GpCommands.installForPersonalization(TestSe.ARA));
            TestSe.ok(isd, AraCommands.storeData(AraCommands.storeRules(AccessRule.of(ISSUER_APP.bytes(),
                    MessageDigest.getInstance("SHA-256").digest(new byte[1]), AccessRule.Access.ALWAYS, null,
                    AccessRule.Access.ALWAYS))).get(0));
            SecureChannelTransport apsd = TestSe.open(se, APSD, TestSe.ISD_KEYS, SecurityLevel.FULL);
            TestSe.ok(apsd, GpCommands.putKeySet(0x30, SP, TestSe.ISD_KEYS.dek()));
            SecureChannelTransport app = TestSe.open(se, ISSUER_APP, SP, SecurityLevel.FULL);
            TestSe.ok(app, Hex.decode("80DA000004DEADBEEF"));
            TestSe.ok(se.contact(), GpCommands.select(KEY_APP));
            assertEquals(0x63C2, TestSe.sw(se.contact(), Hex.decode("002000800431323335")));
            TestSe.ok(se.contact(), Hex.decode("002000800431323334"));
            TestSe.ok(se.contact(), Hex.decode("802A000003616263"));
            modulus = TestSe.ok(se.contact(), Hex.decode("80B0000000"));
            snapshot = se.snapshot();
            counterBefore = se.platform().registry().isd().sd().find(0x30).sequenceCounter();
        }
        assertTrue(Files.exists(dir.resolve("se.json")));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("se.json"))));
        }
        try (SecureElement se = SecureElement.start(config)) {
            assertEquals(snapshot, se.snapshot());
            // the sequence counter continues where it stopped
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            byte[] iu = TestSe.ok(se.contact(), Scp03Host.initializeUpdate(0, 0x30, new byte[8]));
            assertEquals(counterBefore, InitializeUpdateResponse.parse(iu).sequenceCounter());
            // the SP's keys, the extradition and the applet's data are there
            SecureChannelTransport app = TestSe.open(se, ISSUER_APP, SP, SecurityLevel.FULL);
            assertEquals("DEADBEEF", Hex.encode(TestSe.ok(app, Hex.decode("80CA000000"))));
            assertEquals(APSD, se.platform().registry().get(ISSUER_APP).associatedSd());
            // keys, PIN tries, nested objects; transient state is gone as after a power loss
            TestSe.ok(se.contact(), GpCommands.select(KEY_APP));
            assertEquals("030001" + "2A" + "01" + "00", Hex.encode(TestSe.ok(se.contact(), Hex.decode("80C0000000"))));
            assertArrayEquals(modulus, TestSe.ok(se.contact(), Hex.decode("80B0000000")));
            assertEquals(Sw.SECURITY_STATUS_NOT_SATISFIED, TestSe.sw(se.contact(), Hex.decode("802A000003616263")));
            TestSe.ok(se.contact(), Hex.decode("002000800431323334"));
            byte[] sig = TestSe.ok(se.contact(), Hex.decode("802A000003616263"));
            RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(new BigInteger(1, modulus), BigInteger.valueOf(65537)));
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(pub);
            v.update("abc".getBytes());
            assertTrue(v.verify(sig), "the restored private key still matches the public key");
            byte[] block = TestSe.ok(se.contact(), Hex.decode("80E0000010" + "00".repeat(16)));
            assertEquals(16, block.length);
        }
    }

    @Test
    void aDamagedFileIsRefusedNotSilentlyReset() throws Exception {
        SeConfig config = config();
        SecureElement.start(config).close();
        Path file = dir.resolve("se.json");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> SecureElement.start(config));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void leftoverTemporaryFilesDoNotMatterAndAFailedWriteKeepsTheOldImage() throws Exception {
        SeConfig config = config();
        String snapshot;
        try (SecureElement se = SecureElement.start(config)) {
            snapshot = se.snapshot();
        }
        Files.writeString(dir.resolve("se.json.12345.tmp"), "half written garbage");
        ImageStore store = new ImageStore(dir.resolve("se.json"));
        String before = store.read();
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix") && !"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
            try {
                assertThrows(IOException.class, () -> store.write("{}"));
            } finally {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            assertEquals(before, store.read());
        }
        try (SecureElement se = SecureElement.start(config)) {
            assertEquals(snapshot, se.snapshot());
        }
    }

    @Test
    void aKilledProcessNeverLeavesACorruptFile() throws Exception {
        Path file = dir.resolve("crash.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 3; round++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashChild.class.getName(), file.toString()).redirectErrorStream(true).start();
            // wait until the child has written a few images, then kill it mid-flight
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !Files.exists(file.resolveSibling("crash.json.started"))) {
                Thread.sleep(20);
            }
            Thread.sleep(300 + 100 * round);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(file.resolveSibling("crash.json.started"));
            SeConfig c = CrashChild.config(file);
            try (SecureElement se = SecureElement.start(c)) {
                TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
                byte[] iu = TestSe.ok(se.contact(), Scp03Host.initializeUpdate(0, 0x30, new byte[8]));
                assertTrue(InitializeUpdateResponse.parse(iu).sequenceCounter() > 0);
            }
        }
    }
}
