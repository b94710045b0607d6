package dev.inkan.se.gp;

import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Hex;

/**
 * Card Recognition Data (GP Card Spec 2.3 Appendix H, tag '66' containing '73'): GP RID-based
 * OIDs 1.2.840.114283.x for card recognition data, card management type and version (GP 2.3.1),
 * card identification scheme and secure channel protocol (SCP03, i = '70').
 */
final class CardRecognition {
    private static final String GP = "2A864886FC6B";

    private CardRecognition() {
    }

    /** The value of tag '73'. */
    static byte[] content() {
        return Tlv.encodeAll(java.util.List.of(
                new Tlv(0x06, Hex.decode(GP + "01")),
                new Tlv(0x60, new Tlv(0x06, Hex.decode(GP + "02020301")).encode()),
                new Tlv(0x63, new Tlv(0x06, Hex.decode(GP + "03")).encode()),
                new Tlv(0x64, new Tlv(0x06, Hex.decode(GP + "040370")).encode())));
    }

    /** The complete data object '66'. */
    static byte[] dataObject() {
        return new Tlv(0x66, new Tlv(0x73, content()).encode()).encode();
    }
}
