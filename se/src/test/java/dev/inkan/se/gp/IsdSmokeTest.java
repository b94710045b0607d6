package dev.inkan.se.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.scp03.SecureChannelTransport;
import dev.inkan.se.scp03.SecurityLevel;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsdSmokeTest {
    @Test
    void getStatusAtSecurityLevel33() throws Exception {
        try (SecureElement se = TestSe.start()) {
            SecureChannelTransport sc = TestSe.open(se, TestSe.ISD, TestSe.ISD_KEYS, SecurityLevel.FULL);
            List<Tlv> apps = GpCommands.getStatusAll(sc, 0x40, new byte[0]);
            assertEquals(2, apps.size(), apps.toString());
            List<Tlv> isd = GpCommands.getStatusAll(sc, 0x80, new byte[0]);
            assertEquals(1, isd.size());
            assertEquals(Hex.encode(TestSe.ISD.bytes()), Hex.encode(isd.get(0).find(0x4F).value()));
            List<Tlv> files = GpCommands.getStatusAll(sc, 0x10, new byte[0]);
            assertTrue(files.size() >= 3);
        }
    }
}
