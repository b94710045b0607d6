package dev.inkan.applet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.runtime.script.ScriptCommand;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.util.Aid;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javacard.security.RSAPrivateCrtKey;
import javacard.security.RSAPublicKey;
import org.junit.jupiter.api.Test;

/**
 * REQ SYS-6, CRY-1: no command ever outputs a private key. Long random sessions (card-compatible
 * commands with right, wrong and malformed values, random headers, issuance under SCP03 with new
 * keys now and then) on the phone and the card face; every response, on the wire and after
 * SCP03 unwrapping, is searched for any 16-byte run of the private exponent, the primes and the
 * CRT values of every key the applet has held. A positive control finds the public modulus the
 * same way, so the search does work. No response is ever 6F00 (an uncaught exception, or a state
 * change the spec's transitions do not allow).
 */
class NoPrivateKeyLeakTest {
    static final int WINDOW = 16;
    static final int STEPS = 2500;
    static final int[] FIDS = {0x0006, 0x000A, 0x000B, 0x0001, 0x0002, 0x0017, 0x0018, 0x001A, 0x001B, 0x0099, 0x3F00};

    /** Every 16-byte run of every secret seen so far, and of the public moduli (control). */
    final Set<ByteBuffer> secrets = new HashSet<>();
    final Set<ByteBuffer> moduli = new HashSet<>();
    int responses;
    int dataBytes;
    int moduliSeen;

    @Test
    void randomSessionsNeverOutputPrivateKeyMaterial() {
        for (long seed : new long[] {1, 2, 3}) {
            boolean card = seed == 3;
            try (JpkiSe j = card ? JpkiSe.start(true) : JpkiSe.start()) {
                j.issue("1234", "ABC123");
                session(j, new Random(seed));
            }
        }
        assertTrue(responses >= 3 * STEPS, "responses scanned: " + responses);
        assertTrue(dataBytes > 100_000, "response bytes scanned: " + dataBytes);
        // every kind of response that carries key-derived or stored data was seen many times
        assertTrue(kinds.getOrDefault(0x2A, 0) > 100, "signatures: " + kinds);
        assertTrue(kinds.getOrDefault(0xB0, 0) > 300, "READ BINARY: " + kinds);
        assertTrue(kinds.getOrDefault(0x48, 0) > 5, "READ PUBLIC KEY: " + kinds);
        assertTrue(kinds.getOrDefault(0x3A, 0) > 100, "READ STATUS: " + kinds);
        assertTrue(secrets.size() > 1000, "secret runs known: " + secrets.size());
        assertTrue(moduliSeen > 0, "the control found public moduli in responses");
    }

    void session(JpkiSe j, Random r) {
        learnKeys(j);
        SecureChannelTransport sc = null;
        for (int step = 0; step < STEPS; step++) {
            if (step % 150 == 149) {
                // PINs get blocked and keys wiped at random: start over with new keys now and then
                reissue(j);
                sc = null;
            }
            int what = r.nextInt(100);
            byte[] command;
            if (what < 8) {
                command = JpkiSe.SELECT_AP;
                sc = null;
            } else if (what < 20) {
                int fid = FIDS[r.nextInt(FIDS.length)];
                command = new byte[] {0x00, (byte) 0xA4, 0x02, 0x0C, 0x02, (byte) (fid >> 8), (byte) fid};
            } else if (what < 40) {
                // a certificate or the token info, from a random offset with a random Le
                int fid = FIDS[r.nextInt(5)];
                scan(j.send(new byte[] {0x00, (byte) 0xA4, 0x02, 0x0C, 0x02, (byte) (fid >> 8), (byte) fid}));
                int off = r.nextInt(r.nextInt(10) == 0 ? 2200 : 700);
                command = new byte[] {0x00, (byte) 0xB0, (byte) (off >> 8), (byte) off, (byte) r.nextInt(256)};
            } else if (what < 52) {
                String[] pins = {"1234", "ABC123", "1234", "ABC123", "0000", "WRONG9", "12", "abc123", "", "TEMP00"};
                String p = pins[r.nextInt(pins.length)];
                command = JpkiApCommands.verify(p.isEmpty() ? null : JpkiSe.ascii(p)).apdu();
            } else if (what < 62) {
                // a signature with either key, mostly after the right PIN
                CertType t = r.nextBoolean() ? CertType.AUTH : CertType.SIGN;
                if (r.nextInt(4) > 0) {
                    scan(j.send(new byte[] {0x00, (byte) 0xA4, 0x02, 0x0C, 0x02, 0x00,
                            (byte) (t == CertType.AUTH ? 0x18 : 0x1B)}));
                    scan(j.send(JpkiApCommands.verify(JpkiSe.ascii(t == CertType.AUTH ? "1234" : "ABC123")).apdu()));
                }
                scan(j.send(new byte[] {0x00, (byte) 0xA4, 0x02, 0x0C, 0x02, 0x00,
                        (byte) (t == CertType.AUTH ? 0x17 : 0x1A)}));
                byte[] di = new byte[1 + r.nextInt(250)];
                r.nextBytes(di);
                command = JpkiApCommands.computeDigitalSignature(di).apdu();
            } else if (what < 66) {
                command = JpkiApCommands.changeReferenceData(JpkiSe.ascii(r.nextBoolean() ? "1234" : "ABC123")).apdu();
            } else if (what < 70) {
                command = JpkiApCommands.readStatus().apdu();
            } else if (what < 85) {
                command = randomApdu(r);
            } else {
                // issuance under SCP03: open a session if none, then a random issuance command
                if (sc == null) {
                    sc = j.openSp();
                }
                byte[] plain = issuance(r).apdu();
                byte[] wrapped = sc.wrapper().wrap(plain);
                byte[] wire = j.se.transmit(wrapped);
                scan(wire);
                if (Sw.of(wire) == 0x9000) {
                    byte[] unwrapped = sc.wrapper().unwrap(wire);
                    if (unwrapped.length > 2) {
                        kinds.merge(plain[1] & 0xFF, 1, Integer::sum);
                    }
                    scan(unwrapped);
                } else {
                    sc = null; // an error closes or desynchronizes the session: start over
                }
                learnKeys(j);
                continue;
            }
            byte[] resp = j.send(command);
            if (Sw.of(resp) == 0x9000 && resp.length > 2) {
                kinds.merge(command[1] & 0xFF, 1, Integer::sum);
            }
            scan(resp);
            learnKeys(j);
        }
    }

    /** Wipes both slots under SCP03 and issues the applet again (new keys, new certificates). */
    void reissue(JpkiSe j) {
        SecureChannelTransport sc = j.openSp();
        for (CertType t : CertType.values()) {
            scan(j.se.transmit(sc.wrapper().wrap(JpkiApCommands.wipeKey(t).apdu())));
        }
        j.issue("1234", "ABC123");
        learnKeys(j);
    }

    static byte[] randomApdu(Random r) {
        byte[] c = new byte[4 + (r.nextBoolean() ? 1 + r.nextInt(40) : r.nextInt(2))];
        r.nextBytes(c);
        byte[] clas = {0x00, (byte) 0x80, (byte) 0x84, 0x0C, 0x01};
        c[0] = clas[r.nextInt(clas.length)];
        if (c.length > 5) {
            c[4] = (byte) (c.length - 5);
        }
        return c;
    }

    /** A random issuance command; now and then a wipe and a new key, so there are several keys to hide. */
    ScriptCommand issuance(Random r) {
        CertType t = r.nextBoolean() ? CertType.AUTH : CertType.SIGN;
        return switch (r.nextInt(16)) {
            case 0, 1 -> JpkiApCommands.generateKey(t);
            case 2, 3, 4, 5 -> JpkiApCommands.readPublicKey(r.nextInt(4), t);
            case 6 -> JpkiApCommands.wipeKey(t);
            case 7 -> JpkiApCommands.setTempPin(t, JpkiSe.ascii(t == CertType.AUTH ? "0000" : "TEMP00"));
            case 8 -> JpkiApCommands.lockKey(t);
            case 9, 10 -> JpkiSe.storeCertCommands(t == CertType.AUTH ? CertFile.AUTH_CA_FILE : CertFile.SIGN_CA_FILE,
                    TestCa.shared().caCertificate(t)).get(0);
            default -> JpkiApCommands.readStatus();
        };
    }

    /** Adds the runs of the applet's current private keys (and, as control, public moduli). */
    void learnKeys(JpkiSe j) {
        JpkiApplet applet = (JpkiApplet) j.se.platform().runtime().applet(Aid.of(JpkiSe.AID));
        for (KeySlot s : new KeySlot[] {applet.slot((byte) 0), applet.slot((byte) 1)}) {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) s.keys.getPrivate();
            if (!k.isInitialized()) {
                continue;
            }
            byte[] buf = new byte[512];
            BigInteger p = new BigInteger(1, java.util.Arrays.copyOf(buf, k.getP(buf, (short) 0)));
            BigInteger q = new BigInteger(1, java.util.Arrays.copyOf(buf, k.getQ(buf, (short) 0)));
            add(secrets, p);
            add(secrets, q);
            add(secrets, new BigInteger(1, java.util.Arrays.copyOf(buf, k.getDP1(buf, (short) 0))));
            add(secrets, new BigInteger(1, java.util.Arrays.copyOf(buf, k.getDQ1(buf, (short) 0))));
            add(secrets, new BigInteger(1, java.util.Arrays.copyOf(buf, k.getPQ(buf, (short) 0))));
            RSAPublicKey pub = (RSAPublicKey) s.keys.getPublic();
            BigInteger e = new BigInteger(1, java.util.Arrays.copyOf(buf, pub.getExponent(buf, (short) 0)));
            BigInteger n = new BigInteger(1, java.util.Arrays.copyOf(buf, pub.getModulus(buf, (short) 0)));
            assertEquals(n, p.multiply(q));
            BigInteger d = e.modInverse(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
            add(secrets, d);
            add(moduli, n);
        }
    }

    static void add(Set<ByteBuffer> set, BigInteger v) {
        byte[] b = v.toByteArray();
        int from = b[0] == 0 ? 1 : 0;
        for (int i = from; i + WINDOW <= b.length; i++) {
            set.add(ByteBuffer.wrap(java.util.Arrays.copyOfRange(b, i, i + WINDOW)));
        }
    }

    /** Successful responses with data, by INS. */
    final java.util.Map<Integer, Integer> kinds = new java.util.TreeMap<>();

    void scan(byte[] response) {
        // 6F00 would be an uncaught exception, or a transition the spec does not have (the dispatch's check)
        assertTrue(response.length >= 2 && Sw.of(response) != 0x6F00, "6F00: an implementation error");
        responses++;
        dataBytes += response.length;
        List<Integer> hits = new ArrayList<>();
        boolean modulus = false;
        for (int i = 0; i + WINDOW <= response.length; i++) {
            ByteBuffer w = ByteBuffer.wrap(response, i, WINDOW).slice();
            if (secrets.contains(w)) {
                hits.add(i);
            }
            modulus |= moduli.contains(w);
        }
        if (modulus) {
            moduliSeen++;
        }
        assertTrue(hits.isEmpty(), () -> "private key material at offsets " + hits + " of a response");
    }
}
