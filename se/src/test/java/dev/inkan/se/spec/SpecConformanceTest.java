package dev.inkan.se.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.ir.AppletDef;
import dev.inkan.generator.ir.CommandDef;
import dev.inkan.generator.ir.Spec;
import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.util.Aid;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The SE's card manager and ARA-M answer as the spec's bindings say (spec/se.jsm, applets
 * CardManager and AraM): every command is known by its header, every command that needs secure
 * messaging is refused with the binding's status word when sent plain, and nothing changes.
 */
class SpecConformanceTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Spec spec() throws Exception {
        Path dir = ROOT.resolve("spec");
        SpecCompiler.Compilation c = SpecCompiler.compile(List.of(dir), ROOT, SpecCompiler.findRequirements(dir));
        assertTrue(c.ok(), "spec/ must check");
        return c.spec();
    }

    /** A plain APDU with the command's header; parameters and open bytes 00, data 4F00. */
    private static byte[] plain(CommandDef c) {
        int p1 = c.p1().constant() == null ? 0 : c.p1().constant();
        int p2 = c.p2().constant() == null ? 0 : c.p2().constant();
        boolean data = c.dataParam() != null || c.dataConstant() != null;
        byte[] body = c.dataConstant() != null ? c.dataConstant() : new byte[] {0x4F, 0x00};
        byte[] apdu = new byte[4 + (data ? 1 + body.length : 0) + (c.le() != null ? 1 : 0)];
        apdu[0] = (byte) (int) c.cla().constant();
        apdu[1] = (byte) (int) c.ins().constant();
        apdu[2] = (byte) p1;
        apdu[3] = (byte) p2;
        if (data) {
            apdu[4] = (byte) body.length;
            System.arraycopy(body, 0, apdu, 5, body.length);
        }
        return apdu;
    }

    @TestFactory
    Stream<DynamicTest> secureCommandsAreRefusedPlainAsTheSpecSays() throws Exception {
        Spec spec = spec();
        return spec.applets.stream().filter(a -> a.name().equals("CardManager") || a.name().equals("AraM"))
                .flatMap(a -> a.commands().stream().filter(c -> c.securityLevel() != 0)
                        .map(c -> DynamicTest.dynamicTest(a.name() + "." + c.name(), () -> refusedPlain(a, c))));
    }

    private static void refusedPlain(AppletDef applet, CommandDef c) {
        try (SecureElement se = TestSe.start()) {
            Sw.check(se.transmit(GpCommands.select(Aid.of(applet.aid()))));
            String before = se.snapshot();
            byte[] response = se.transmit(plain(c));
            int sw = Sw.of(response);
            assertEquals(c.secureRefusal(), sw, String.format("%s sent plain: expected %04X (spec), got %04X",
                    c.name(), c.secureRefusal(), sw));
            assertEquals(TestSe.withoutCounters(before), TestSe.withoutCounters(se.snapshot()),
                    c.name() + " sent plain changed the card");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCommandOfTheBindingsIsKnown() throws Exception {
        Spec spec = spec();
        return spec.applets.stream().filter(a -> a.name().equals("CardManager") || a.name().equals("AraM"))
                .flatMap(a -> a.commands().stream().map(c -> DynamicTest.dynamicTest(a.name() + "." + c.name(), () -> {
                    try (SecureElement se = TestSe.start()) {
                        Sw.check(se.transmit(GpCommands.select(Aid.of(a.aid()))));
                        int sw = Sw.of(se.transmit(plain(c)));
                        assertNotEquals(0x6D00, sw, c.name() + ": INS not supported");
                        assertNotEquals(0x6E00, sw, c.name() + ": CLA not supported");
                        assertNotEquals(0x6F00, sw, c.name() + ": no precise diagnosis");
                    }
                })));
    }
}
