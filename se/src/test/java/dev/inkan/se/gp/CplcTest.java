package dev.inkan.se.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.config.SeConfig;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** GET DATA '9F7F' (CPLC, GP 2.3 H.6) as tools such as GlobalPlatformPro's --info ask it: 42 bytes, on the ISD only. */
class CplcTest {
    @Test
    void theIsdAnswersCplcWithItsOwnSerialNumber() throws Exception {
        SeConfig c = new SeConfig();
        c.isd.keyDiversificationData = "00112233445566778899";
        try (SecureElement se = TestSe.start(c)) {
            TestSe.ok(se.contact(), GpCommands.select(TestSe.ISD));
            byte[] r = TestSe.ok(se.contact(), GpCommands.getData(0x9F7F));
            Tlv cplc = Tlv.parseAll(r, 0, r.length).get(0);
            assertEquals(0x9F7F, cplc.tag());
            assertEquals(42, cplc.value().length);
            assertArrayEquals(Hex.decode("66778899"), Arrays.copyOfRange(cplc.value(), 12, 16), "IC serial number");
            assertArrayEquals(Hex.decode("6001"), Arrays.copyOfRange(cplc.value(), 36, 38), "personalization date");
        }
    }

    @Test
    void anApplicationsDomainHasNone() throws Exception {
        try (SecureElement se = TestSe.start()) {
            CardContentManagementTest.createApsd(se);
            TestSe.ok(se.contact(), GpCommands.select(CardContentManagementTest.APSD));
            assertEquals(0x6A88, Sw.of(se.contact().transmit(GpCommands.getData(0x9F7F))));
        }
    }
}
