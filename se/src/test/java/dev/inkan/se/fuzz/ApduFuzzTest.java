package dev.inkan.se.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.ara.AraCommands;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.gp.LifeCycle;
import dev.inkan.se.gp.Privileges;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.util.Aid;
import dev.inkan.se.util.Hex;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * More than 100,000 random and mutated APDUs against the ISD and the ARA-M: never an exception
 * out of the SE, never '6F00', and never a state change without a valid secure channel session
 * (only a successful INITIALIZE UPDATE may advance a sequence counter). A third phase fuzzes the
 * command handlers behind a valid session, where state may change but '6F00' still must not
 * appear. Seed: system property {@code inkan.fuzz.seed} (printed on failure).
 */
class ApduFuzzTest {
    private static final byte[] GP_INS = {0x50, (byte) 0x82, (byte) 0xCA, (byte) 0xCB, (byte) 0xE6, (byte) 0xE4,
        (byte) 0xF2, (byte) 0xF0, (byte) 0xD8, (byte) 0xE2, 0x7A, 0x78, (byte) 0xE8, (byte) 0xA4, 0x70, (byte) 0xC0};
    private static final int[] TAGS = {0x4F, 0xE2, 0xE1, 0xE3, 0xD0, 0xD1, 0xC1, 0xC0, 0xF0, 0xF1, 0xF2, 0x9F70,
        0xC9, 0xEF, 0x42, 0x45, 0x88, 0x5C, 0xB6, 0xD2, 0xCA, 0xFF40};
    private static final Pattern COUNTER = Pattern.compile("\"sequenceCounter\":(\\d+)");

    private final long seed = Long.getLong("inkan.fuzz.seed", 0x1A2B3C4DL);
    private final Random random = new Random(seed);
    private int sent;

    @Test
    void randomAndMutatedApdus() throws Exception {
        long start = System.nanoTime();
        int phaseA = 120_000;
        int phaseB = 60_000;
        int phaseC = 40_000;
        long t0 = System.nanoTime();
        randomWithoutSession(phaseA);
        long t1 = System.nanoTime();
        mutatedWrappedCommands(phaseB);
        long t2 = System.nanoTime();
        randomContentInValidSessions(phaseC);
        long t3 = System.nanoTime();
        System.out.printf("fuzz phases: random %.1f s, mutated %.1f s, in-session %.1f s%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: %d APDUs in %.1f s (seed %d)%n", sent, seconds, seed);
        assertTrue(sent >= 100_000, "sent " + sent);
    }

    private byte[] send(SecureElement se, byte[] apdu) {
        byte[] r;
        try {
            r = se.transmit(apdu);
        } catch (Throwable t) {
            throw new AssertionError("exception for " + Hex.encode(apdu) + " (seed " + seed + ")", t);
        }
        sent++;
        if (r.length < 2 || Sw.of(r) == Sw.UNKNOWN) {
            fail("answer " + Hex.encode(r) + " to " + Hex.encode(apdu) + " (seed " + seed + ")");
        }
        return r;
    }

    // ------------------------------------------------------------------ phase A

    private void randomWithoutSession(int count) {
        try (SecureElement se = TestSe.start()) {
            String before = masked(se.snapshot());
            long counters = counters(se.snapshot());
            int successfulIu = 0;
            Aid[] targets = {TestSe.ISD, TestSe.ARA};
            for (int i = 0; i < count; i++) {
                if (i % 50 == 0) {
                    se.reset();
                    send(se, GpCommands.select(targets[(i / 50) % 2]));
                }
                byte[] apdu = randomApdu();
                byte[] r = send(se, apdu);
                if (apdu.length >= 2 && apdu[1] == 0x50 && Sw.of(r) == Sw.OK) {
                    successfulIu++;
                }
                if (i % 5000 == 4999) {
                    String now = se.snapshot();
                    assertEquals(before, masked(now), "state changed without a session (seed " + seed + ")");
                    assertEquals(counters + successfulIu, counters(now), "counters moved without INITIALIZE UPDATE");
                }
            }
        }
    }

    private byte[] randomApdu() {
        int cla = pick(new int[] {0x00, 0x80, 0x84, 0x04, 0x80, 0x80, 0x84, random.nextInt(256), 0x81, 0xC0, 0xE0});
        int ins = random.nextInt(4) == 0 ? random.nextInt(256) : GP_INS[random.nextInt(GP_INS.length)] & 0xFF;
        int p1 = random.nextBoolean() ? random.nextInt(256) : pick(new int[] {0, 0x80, 0x40, 0x20, 0x10, 0x0C, 0x30, 0xFF, 0xDF});
        int p2 = random.nextBoolean() ? random.nextInt(256) : pick(new int[] {0, 0x02, 0x03, 0x40, 0x20, 0x81, 0x01, 0x60});
        if (ins == 0x70 || (ins == 0xA4 && p1 == 0x04 && random.nextInt(4) != 0)) {
            p1 = 0x10;
        }
        byte[] data = randomData();
        byte[] apdu;
        switch (random.nextInt(5)) {
            case 0:
                apdu = new byte[] {(byte) cla, (byte) ins, (byte) p1, (byte) p2};
                break;
            case 1:
                apdu = new byte[] {(byte) cla, (byte) ins, (byte) p1, (byte) p2, (byte) random.nextInt(256)};
                break;
            default: {
                apdu = dev.inkan.se.apdu.CommandApdu.build(cla, ins, p1, p2, data, random.nextBoolean() ? 256 : 0);
                if (random.nextInt(8) == 0 && apdu.length > 5) {
                    apdu = java.util.Arrays.copyOf(apdu, random.nextInt(apdu.length));
                }
            }
        }
        return apdu;
    }

    private byte[] randomData() {
        if (random.nextInt(3) == 0) {
            byte[] d = new byte[1 + random.nextInt(random.nextBoolean() ? 32 : 255)];
            random.nextBytes(d);
            return d;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        tlv(out, 0);
        byte[] d = out.toByteArray();
        return d.length > 255 ? java.util.Arrays.copyOf(d, 255) : d.length == 0 ? new byte[] {0x4F, 0x00} : d;
    }

    private void tlv(java.io.ByteArrayOutputStream out, int depth) {
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int tag = TAGS[random.nextInt(TAGS.length)];
            java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
            if (depth < 3 && random.nextBoolean()) {
                tlv(inner, depth + 1);
            } else {
                byte[] v = new byte[pick(new int[] {0, 1, 3, 5, 8, 16, 20, 32, random.nextInt(40)})];
                random.nextBytes(v);
                inner.writeBytes(v);
            }
            byte[] value = inner.toByteArray();
            dev.inkan.se.tlv.Tlv.writeTag(out, tag);
            int len = random.nextInt(10) == 0 ? random.nextInt(256) : value.length;
            dev.inkan.se.tlv.Tlv.writeLength(out, len);
            out.writeBytes(value);
        }
    }

    // ------------------------------------------------------------------ phase B

    private void mutatedWrappedCommands(int count) throws Exception {
        StaticKeys newKeys = StaticKeys.of(0x31, "5A".repeat(16), "A5".repeat(16), "C3".repeat(16));
        List<byte[]> templates = List.of(
                GpCommands.putKeySet(0, newKeys, TestSe.ISD_KEYS.dek()),
                GpCommands.setStatus(0x40, 0x80, TestSe.FELICA),
                GpCommands.setStatus(0x80, LifeCycle.CARD_TERMINATED, null),
                GpCommands.delete(TestSe.FELICA, true),
                GpCommands.installForInstall(Aid.of("A0000001515350"), Aid.of("A000000151535041"),
                        Aid.of("A000000151000001"), Privileges.SECURITY_DOMAIN, new byte[0], true),
                GpCommands.storeData(0x90, 0, Hex.decode("42031234564503010203")),
                GpCommands.installForPersonalization(TestSe.ARA),
                GpCommands.deleteKeySet(0x30));
        try (SecureElement se = TestSe.start()) {
            String before = masked(se.snapshot());
            SecureChannelTransport sc = null;
            for (int i = 0; i < count; i++) {
                if (sc == null || i % 4 == 0) {
                    se.reset();
                    send(se, GpCommands.select(random.nextBoolean() ? TestSe.ISD : TestSe.ARA));
                    sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(
                            pick(new int[] {0x01, 0x03, 0x11, 0x13, 0x33})));
                    sent += 2;
                }
                byte[] wrapped = sc.wrapper().wrap(templates.get(random.nextInt(templates.size())));
                byte[] mutated = mutate(wrapped);
                byte[] r = send(se, mutated);
                assertTrue(Sw.of(r) != Sw.OK, "a mutated command was accepted: " + Hex.encode(wrapped) + " -> "
                        + Hex.encode(mutated) + " answered " + Hex.encode(r) + " (seed " + seed + ")");
                if (i % 3000 == 2999) {
                    assertEquals(before, masked(se.snapshot()), "state changed by a mutated command (seed " + seed + ")");
                }
            }
            assertEquals(before, masked(se.snapshot()));
        }
    }

    /** Flips bits, replaces, truncates or extends; never only the (unprotected) Le byte. */
    private byte[] mutate(byte[] w) {
        byte[] m = w.clone();
        // everything but a trailing Le is covered by the C-MAC
        int protectedLength = w.length == 5 + (w[4] & 0xFF) + 1 ? w.length - 1 : w.length;
        switch (random.nextInt(6)) {
            case 0:
            case 1: {
                int flips = 1 + random.nextInt(3);
                for (int k = 0; k < flips; k++) {
                    int pos = random.nextInt(protectedLength);
                    m[pos] ^= (byte) (1 << random.nextInt(8));
                }
                if (java.util.Arrays.equals(m, w)) {
                    m[4] ^= 0x01;
                }
                return m;
            }
            case 2: {
                int pos = random.nextInt(protectedLength);
                byte b;
                do {
                    b = (byte) random.nextInt(256);
                } while (b == m[pos]);
                m[pos] = b;
                return m;
            }
            case 3:
                return java.util.Arrays.copyOf(w, 4 + random.nextInt(w.length - 5));
            case 4: {
                // data appended (Lc adjusted or not); never a lone Le byte, which is legitimately unprotected
                byte[] longer = java.util.Arrays.copyOf(w, protectedLength + 2 + random.nextInt(8));
                for (int k = protectedLength; k < longer.length; k++) {
                    longer[k] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean()) {
                    longer[4] = (byte) (longer[4] + (longer.length - protectedLength));
                }
                return longer;
            }
            default: {
                // the MAC of another command, or a header swapped onto this one
                m[1] = (byte) pick(new int[] {0xE6, 0xE4, 0xF0, 0xD8, 0xE2});
                m[2] ^= 0x01;
                return m;
            }
        }
    }

    // ------------------------------------------------------------------ phase C

    private void randomContentInValidSessions(int count) throws Exception {
        SecureElement se = TestSe.start();
        try {
            SecureChannelTransport sc = null;
            boolean ara = false;
            for (int i = 0; i < count; i++) {
                if (i % 400 == 399) {
                    se.close();
                    se = TestSe.start();
                    sc = null;
                }
                if (sc == null || i % 25 == 0) {
                    se.reset();
                    send(se, GpCommands.select(TestSe.ISD));
                    sc = Scp03Host.open(se.contact(), TestSe.ISD_KEYS, Scp03Host.Options.level(0x33));
                    sent += 2;
                    ara = random.nextBoolean();
                    if (ara) {
                        byte[] r = sc.transmit(GpCommands.installForPersonalization(TestSe.ARA));
                        sent++;
                        ara = Sw.of(r) == Sw.OK;
                    }
                }
                byte[] plain;
                if (ara) {
                    byte[] cmd = random.nextInt(4) == 0 ? AraCommands.storeRules(randomRule())
                            : withTag(pick(new int[] {0xF0, 0xF1, 0xF2, 0xF3}), randomData());
                    plain = AraCommands.storeData(cmd).get(0);
                } else {
                    int ins = pick(new int[] {0xE6, 0xE4, 0xF2, 0xF0, 0xD8, 0xE2, 0xCA, 0x7A, 0x78});
                    plain = dev.inkan.se.apdu.CommandApdu.build(0x80, ins, random.nextInt(256), random.nextInt(256),
                            java.util.Arrays.copyOf(randomData(), Math.min(200, randomData().length)), 256);
                }
                if (plain.length > 5 && (plain[4] & 0xFF) > 220) {
                    continue;
                }
                byte[] r;
                try {
                    r = sc.transmit(plain);
                } catch (SecurityException e) {
                    throw new AssertionError("bad R-MAC for " + Hex.encode(plain) + " (seed " + seed + ")", e);
                }
                sent++;
                assertTrue(Sw.of(r) != Sw.UNKNOWN, "6F00 for " + Hex.encode(plain) + " (seed " + seed + ")");
                if (Sw.of(r) == Sw.SECURITY_STATUS_NOT_SATISFIED) {
                    sc = null;
                }
            }
        } finally {
            se.close();
        }
    }

    private AccessRule randomRule() {
        byte[] aid = random.nextBoolean() ? null : Hex.decode(String.format("D392F0002601%08X", random.nextInt()));
        byte[] hash = random.nextBoolean() ? null : new byte[random.nextBoolean() ? 20 : 32];
        if (hash != null) {
            random.nextBytes(hash);
        }
        AccessRule.Access apdu = AccessRule.Access.values()[random.nextInt(2)];
        return AccessRule.of(aid, hash, apdu, null, AccessRule.Access.values()[random.nextInt(2)]);
    }

    private static byte[] withTag(int tag, byte[] value) {
        return new dev.inkan.se.tlv.Tlv(tag, value).encode();
    }

    // ------------------------------------------------------------------ helpers

    private int pick(int[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String masked(String snapshot) {
        return TestSe.withoutCounters(snapshot);
    }

    private static long counters(String snapshot) {
        long sum = 0;
        Matcher m = COUNTER.matcher(snapshot);
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }
}
