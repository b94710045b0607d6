package dev.inkan.se.nfc;

import dev.inkan.se.SecureElement;
import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.omapi.AccessControlEnforcer;
import dev.inkan.se.runtime.CardInterface;
import dev.inkan.se.transport.Transport;
import dev.inkan.se.util.Aid;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The contactless face of the phone (REQ ACC-3): what an external terminal reaches through NFC
 * card emulation. A SELECT by AID is routed to the SE only when the application is selectable
 * and its NFC rule allows it: among the ARA-M rules for that AID (or, when there is none, for all
 * SE applications) at least one has NFC-AR-DO '01' and none has NFC-AR-DO '00'. Otherwise the
 * terminal gets '6A82', as from a phone whose routing does not know the AID. Other commands go to
 * whatever the terminal selected on the contactless interface.
 */
public final class ContactlessFrontEnd implements Transport {
    private final SecureElement se;
    private final AccessControlEnforcer ace;

    public ContactlessFrontEnd(SecureElement se) {
        this.se = se;
        this.ace = new AccessControlEnforcer(se.contact());
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        CommandApdu c = CommandApdu.parse(command);
        if (c != null && !Cla.isProprietary(c.cla()) && c.ins() == Ins.SELECT && c.p1() == 0x04) {
            byte[] aid = c.data();
            Aid target = se.platform().resolveSelect(CardInterface.CONTACTLESS, aid, (c.p2() & 0x03) == 0x02,
                    se.platform().runtime().selectedOn(CardInterface.CONTACTLESS, c.channel()));
            if (target == null) {
                return Sw.bytes(Sw.FILE_NOT_FOUND);
            }
            ace.refresh();
            if (!routed(ace.rules(), target.bytes())) {
                return Sw.bytes(Sw.FILE_NOT_FOUND);
            }
        }
        return se.transmit(CardInterface.CONTACTLESS, command);
    }

    /** The terminal's field is off: the contactless session ends. */
    public void fieldOff() {
        se.contactlessFieldOff();
    }

    /** The NFC routing decision for {@code aid} under {@code rules}. */
    public static boolean routed(List<AccessRule> rules, byte[] aid) {
        boolean specific = false;
        for (AccessRule r : rules) {
            if (!r.isDefaultApplication() && !r.isAllAids() && Arrays.equals(r.aid(), aid)) {
                specific = true;
                break;
            }
        }
        boolean allow = false;
        for (AccessRule r : rules) {
            boolean applies = specific ? !r.isDefaultApplication() && !r.isAllAids() && Arrays.equals(r.aid(), aid)
                    : r.isAllAids();
            if (!applies) {
                continue;
            }
            if (r.nfc() == AccessRule.Access.NEVER) {
                return false;
            }
            allow |= r.nfc() == AccessRule.Access.ALWAYS;
        }
        return allow;
    }
}
