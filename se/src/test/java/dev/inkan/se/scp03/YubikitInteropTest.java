package dev.inkan.se.scp03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yubico.yubikit.core.Transport;
import com.yubico.yubikit.core.smartcard.Apdu;
import com.yubico.yubikit.core.smartcard.ApduException;
import com.yubico.yubikit.core.smartcard.SmartCardConnection;
import com.yubico.yubikit.core.smartcard.SmartCardProtocol;
import com.yubico.yubikit.core.smartcard.scp.KeyRef;
import com.yubico.yubikit.core.smartcard.scp.Scp03KeyParams;
import com.yubico.yubikit.core.smartcard.scp.ScpState;
import com.yubico.yubikit.core.smartcard.scp.SecurityDomainSession;
import com.yubico.yubikit.core.smartcard.ApduResponse;
import dev.inkan.se.SecureElement;
import dev.inkan.se.TestSe;
import dev.inkan.se.config.Defaults;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Hex;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with an independent SCP03 host implementation from Maven Central (Yubico's yubikit
 * core, ScpState.scp03Init at security level 33): authenticate to our ISD, send wrapped
 * commands, check the unwrapped responses, import a key set with its PUT KEY.
 */
class YubikitInteropTest {
    private static final byte[] TEST_KEY = Hex.decode(Defaults.TEST_KEY);

    @BeforeAll
    static void cmacProvider() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider()); // yubikit asks JCE for "AESCMAC"
        }
    }

    /** Our SE behind yubikit's connection interface. */
    static final class SeConnection implements SmartCardConnection {
        private final SecureElement se;
        final List<String> log = new ArrayList<>();

        SeConnection(SecureElement se) {
            this.se = se;
        }

        @Override
        public byte[] sendAndReceive(byte[] apdu) {
            byte[] r = se.transmit(apdu);
            log.add(Hex.encode(apdu) + " -> " + Hex.encode(r));
            return r;
        }

        @Override
        public Transport getTransport() {
            return Transport.USB;
        }

        @Override
        public boolean isExtendedLengthApduSupported() {
            return false;
        }

        @Override
        public byte[] getAtr() {
            return se.atr();
        }

        @Override
        public void close() {
        }
    }

    private static Scp03KeyParams keys(int kvn, byte[] enc, byte[] mac, byte[] dek) {
        return new Scp03KeyParams(new KeyRef((byte) 1, (byte) kvn),
                new com.yubico.yubikit.core.smartcard.scp.StaticKeys(enc, mac, dek));
    }

    @Test
    void scp03InitAtLevel33ThenWrappedCommands() throws Exception {
        try (SecureElement se = TestSe.start()) {
            SeConnection conn = new SeConnection(se);
            SmartCardProtocol protocol = new SmartCardProtocol(conn);
            protocol.select(TestSe.ISD.bytes());
            protocol.initScp(keys(0x30, TEST_KEY, TEST_KEY, TEST_KEY));
            // the EXTERNAL AUTHENTICATE yubikit sent asked for level 33
            assertTrue(conn.log.get(conn.log.size() - 1).startsWith("84823300"), conn.log.toString());
            assertEquals(0xB3, se.platform().session(TestSe.ISD).securityLevel());

            byte[] status = protocol.sendAndReceive(new Apdu(0x80, 0xF2, 0x40, 0x02, Hex.decode("4F00")));
            List<String> aids = new ArrayList<>();
            for (Tlv e : Tlv.parseAll(status, 0, status.length)) {
                aids.add(Hex.encode(e.find(0x4F).value()));
            }
            assertEquals(List.of(Defaults.ARA_AID, Defaults.FELICA_AID), aids);
            // wrapped commands really are encrypted on the wire (C-DEC) and responses R-ENC/R-MAC
            String wire = conn.log.get(conn.log.size() - 1);
            assertTrue(wire.startsWith("84F24002"), wire);
            assertTrue(!wire.contains("4F00") && !wire.contains(Defaults.ARA_AID), wire);

            byte[] kdd = protocol.sendAndReceive(new Apdu(0x80, 0xCA, 0x00, 0xCF, null));
            assertEquals("CF0A00000000000000000000", Hex.encode(kdd));
            byte[] crd = protocol.sendAndReceive(new Apdu(0x80, 0xCA, 0x00, 0x66, null));
            assertTrue(Hex.encode(crd).contains("2A864886FC6B040370"), "SCP03 i=70 advertised");

            // an error status word comes back plain (no R-MAC) and yubikit accepts it
            ApduException e = assertThrows(ApduException.class,
                    () -> protocol.sendAndReceive(new Apdu(0x80, 0xF2, 0x40, 0x02, Hex.decode("4F05A0A0A0A0A0"))));
            assertEquals((short) 0x6A88, e.getSw());
        }
    }

    @Test
    void scp03InitDirectlyWithScpStateAndBadKeysAreRefused() throws Exception {
        try (SecureElement se = TestSe.start()) {
            SeConnection conn = new SeConnection(se);
            se.transmit(Hex.decode("00A4040008" + Defaults.ISD_AID + "00"));
            var result = ScpState.scp03Init(apdu -> new ApduResponse(conn.sendAndReceive(
                    dev.inkan.se.apdu.CommandApdu.build(apdu.getCla(), apdu.getIns(), apdu.getP1(), apdu.getP2(),
                            apdu.getData(), 256))), keys(0x30, TEST_KEY, TEST_KEY, TEST_KEY), null);
            assertEquals(8, result.second.length);
            byte[] wrong = TEST_KEY.clone();
            wrong[0] ^= 1;
            assertThrows(com.yubico.yubikit.core.application.BadResponseException.class,
                    () -> ScpState.scp03Init(apdu -> new ApduResponse(conn.sendAndReceive(
                            dev.inkan.se.apdu.CommandApdu.build(apdu.getCla(), apdu.getIns(), apdu.getP1(),
                                    apdu.getP2(), apdu.getData(), 256))), keys(0x30, wrong, wrong, wrong), null));
        }
    }

    @Test
    void yubikitPutKeyImportsAKeySetWeThenUse() throws Exception {
        byte[] enc = Hex.decode("00112233445566778899AABBCCDDEEFF");
        byte[] mac = Hex.decode("0F1E2D3C4B5A69788796A5B4C3D2E1F0");
        byte[] dek = Hex.decode("FFEEDDCCBBAA99887766554433221100");
        try (SecureElement se = TestSe.start()) {
            SeConnection conn = new SeConnection(se);
            SecurityDomainSession sd = new SecurityDomainSession(conn, keys(0x30, TEST_KEY, TEST_KEY, TEST_KEY));
            sd.authenticate(keys(0x30, TEST_KEY, TEST_KEY, TEST_KEY));
            sd.putKey(new KeyRef((byte) 1, (byte) 0x31),
                    new com.yubico.yubikit.core.smartcard.scp.StaticKeys(enc, mac, dek), 0);
            // yubikit checked KVN and KCVs in our response; our host side now opens a session with them
            var sc = TestSe.open(se, TestSe.ISD, new StaticKeys(0x31, enc, mac, dek), SecurityLevel.FULL);
            byte[] status = TestSe.ok(sc, dev.inkan.se.gp.GpCommands.getStatus(0x80, new byte[0], false));
            assertArrayEquals(TestSe.ISD.bytes(), Tlv.parseAll(status, 0, status.length).get(0).find(0x4F).value());
            // and replace the original set in place with yubikit
            SecurityDomainSession again = new SecurityDomainSession(conn, keys(0x31, enc, mac, dek));
            again.authenticate(keys(0x31, enc, mac, dek));
            again.putKey(new KeyRef((byte) 1, (byte) 0x32),
                    new com.yubico.yubikit.core.smartcard.scp.StaticKeys(dek, enc, mac), 0x30);
            assertEquals(null, se.platform().registry().isd().sd().find(0x30));
            assertEquals(0x32, se.platform().registry().isd().sd().find(0x32).kvn());
        }
    }
}
