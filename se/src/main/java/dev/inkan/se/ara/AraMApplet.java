package dev.inkan.se.ara;

import dev.inkan.se.api.GpSystem;
import dev.inkan.se.api.Personalizable;
import dev.inkan.se.api.SecureChannel;
import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.tlv.TlvException;
import java.util.Arrays;
import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.MultiSelectable;

/**
 * The Access Rule Application Master (GP SEAC 1.1, AID A00000015141434C00). Rules are written
 * with STORE DATA, either directly under the secure channel of the ARA-M's security domain or
 * through that domain with INSTALL [for personalization]; they are read by anyone with
 * GET DATA [All] 'FF40' (and [Next] 'FF60' when longer than one response), GET DATA [Specific]
 * 'FF50', and the refresh tag 'DF20'.
 */
public final class AraMApplet extends Applet implements Personalizable, MultiSelectable {
    static final int CAPACITY = 8192;
    private static final int SCRATCH = 4096;
    private static final short SCRATCH_LENGTH = 0;
    private static final short NEXT_BLOCK = 1;
    private static final short CHANNELS = 20;

    private final byte[] store = new byte[CAPACITY];
    private short storeLength;
    private final byte[] refreshTag = new byte[8];
    private final byte[] scratch = new byte[SCRATCH];
    private final short[] state;
    /** GET DATA [All] paging offset per logical channel (the ACE and applications may read at once). */
    private final short[] paging;

    private AraMApplet() {
        state = JCSystem.makeTransientShortArray((short) 2, JCSystem.CLEAR_ON_DESELECT);
        paging = JCSystem.makeTransientShortArray(CHANNELS, JCSystem.CLEAR_ON_RESET);
        refreshTag[7] = 1;
    }

    @Override
    public boolean select(boolean appInstAlreadyActive) {
        paging[JCSystem.getAssignedChannel()] = 0;
        return true;
    }

    @Override
    public void deselect(boolean appInstStillActive) {
        paging[JCSystem.getAssignedChannel()] = 0;
    }

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new AraMApplet().register(bArray, (short) (bOffset + 1), bArray[bOffset]);
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        short ch = JCSystem.getAssignedChannel();
        byte[] buf = apdu.getBuffer();
        byte cla = buf[ISO7816.OFFSET_CLA];
        byte ins = buf[ISO7816.OFFSET_INS];
        if (Cla.isChaining(cla)) {
            ISOException.throwIt((short) Sw.COMMAND_CHAINING_NOT_SUPPORTED);
        }
        if (!Cla.isProprietary(cla)) {
            ISOException.throwIt(ins == Ins.GET_DATA || ins == Ins.STORE_DATA
                    ? (short) Sw.CLA_NOT_SUPPORTED : ISO7816.SW_INS_NOT_SUPPORTED);
        }
        if (ins != Ins.GET_DATA) {
            paging[ch] = 0;
        }
        switch (ins) {
            case Ins.GET_DATA:
                getData(apdu, buf, ch);
                return;
            case Ins.STORE_DATA:
                storeDataDirect(apdu, buf);
                return;
            case Ins.INITIALIZE_UPDATE:
            case Ins.EXTERNAL_AUTHENTICATE:
            case Ins.BEGIN_RMAC_SESSION:
            case Ins.END_RMAC_SESSION: {
                short n = GpSystem.getSecureChannel().processSecurity(apdu);
                if (n > 0) {
                    apdu.setOutgoingAndSend(ISO7816.OFFSET_CDATA, n);
                }
                return;
            }
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private void getData(APDU apdu, byte[] buf, short ch) {
        short lc = apdu.setIncomingAndReceive();
        short ne = apdu.setOutgoing();
        int chunkSize = ne <= 0 || ne > 256 ? 256 : ne;
        int tag = ((buf[ISO7816.OFFSET_P1] & 0xFF) << 8) | (buf[ISO7816.OFFSET_P2] & 0xFF);
        byte[] response;
        switch (tag) {
            case AraTags.RESPONSE_ALL: {
                requireNoData(lc);
                byte[] all = allRules();
                int chunk = Math.min(all.length, chunkSize);
                paging[ch] = chunk < all.length ? (short) chunk : 0;
                response = Arrays.copyOf(all, chunk);
                break;
            }
            case AraTags.GET_NEXT: {
                requireNoData(lc);
                if (paging[ch] == 0) {
                    ISOException.throwIt((short) Sw.CONDITIONS_NOT_SATISFIED);
                }
                byte[] all = allRules();
                int from = paging[ch];
                if (from >= all.length) {
                    paging[ch] = 0;
                    ISOException.throwIt((short) Sw.CONDITIONS_NOT_SATISFIED);
                }
                int to = Math.min(all.length, from + chunkSize);
                paging[ch] = to < all.length ? (short) to : 0;
                response = Arrays.copyOfRange(all, from, to);
                break;
            }
            case AraTags.RESPONSE_SPECIFIC:
                response = specific(buf, lc);
                break;
            case AraTags.REFRESH_TAG:
                requireNoData(lc);
                response = new Tlv(AraTags.REFRESH_TAG, refreshTag).encode();
                break;
            default:
                ISOException.throwIt((short) Sw.REFERENCED_DATA_NOT_FOUND);
                return;
        }
        apdu.setOutgoingLength((short) response.length);
        apdu.sendBytesLong(response, (short) 0, (short) response.length);
    }

    private static void requireNoData(short lc) {
        if (lc != 0) {
            ISOException.throwIt((short) Sw.WRONG_LENGTH);
        }
    }

    /** Response-ALL-REF-AR-DO: 'FF40' with every stored REF-AR-DO ('FF40 00' when empty). */
    private byte[] allRules() {
        return new Tlv(AraTags.RESPONSE_ALL, Arrays.copyOf(store, storeLength)).encode();
    }

    /** GET DATA [Specific]: the AR-DO of the rule with the given REF-DO, in 'FF50'. */
    private byte[] specific(byte[] buf, short lc) {
        byte[] refDo = Arrays.copyOfRange(buf, ISO7816.OFFSET_CDATA, ISO7816.OFFSET_CDATA + lc);
        try {
            Tlv t = Tlv.parseSingle(refDo);
            if (t.tag() != AraTags.REF_DO) {
                ISOException.throwIt((short) Sw.WRONG_DATA);
            }
        } catch (TlvException e) {
            ISOException.throwIt((short) Sw.WRONG_DATA);
        }
        for (AccessRule r : RuleStore.rules(store, storeLength)) {
            if (Arrays.equals(r.refDo(), refDo)) {
                try {
                    byte[] arDo = Tlv.parseSingle(r.encode()).children().get(1).encode();
                    return new Tlv(AraTags.RESPONSE_SPECIFIC, arDo).encode();
                } catch (TlvException e) {
                    ISOException.throwIt((short) Sw.UNKNOWN);
                }
            }
        }
        return new Tlv(AraTags.RESPONSE_SPECIFIC, new byte[0]).encode();
    }

    /** STORE DATA sent to the ARA-M itself: verified and deciphered with its SD's secure channel. */
    private void storeDataDirect(APDU apdu, byte[] buf) {
        short lc = apdu.setIncomingAndReceive();
        SecureChannel sc = GpSystem.getSecureChannel();
        short n = sc.unwrap(buf, (short) 0, (short) (ISO7816.OFFSET_CDATA + lc));
        byte level = sc.getSecurityLevel();
        if ((level & SecureChannel.AUTHENTICATED) == 0 || (level & SecureChannel.C_MAC) == 0) {
            ISOException.throwIt((short) Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        if ((buf[ISO7816.OFFSET_P1] & 0x60) != 0) {
            ISOException.throwIt((short) Sw.INCORRECT_P1P2);
        }
        if ((buf[ISO7816.OFFSET_P2] & 0xFF) != state[NEXT_BLOCK]) {
            ISOException.throwIt((short) Sw.INCORRECT_P1P2);
        }
        storeBlock(buf, 0, n);
        state[NEXT_BLOCK] = (short) ((state[NEXT_BLOCK] + 1) & 0xFF);
        if ((buf[ISO7816.OFFSET_P1] & 0x80) != 0) {
            state[NEXT_BLOCK] = 0;
        }
        buf[0] = (byte) 0x90;
        buf[1] = 0x00;
        short out = sc.wrap(buf, (short) 0, (short) 2);
        if (out > 0) {
            apdu.setOutgoingAndSend((short) 0, out);
        }
    }

    /** STORE DATA forwarded by the security domain (INSTALL [for personalization]). */
    @Override
    public short processData(byte[] buffer, short offset, short length) {
        if (length < 5 || (buffer[offset + 4] & 0xFF) != length - 5) {
            ISOException.throwIt((short) Sw.WRONG_LENGTH);
        }
        storeBlock(buffer, offset, length);
        return 0;
    }

    private void storeBlock(byte[] buf, int off, int len) {
        int p1 = buf[off + 2] & 0xFF;
        if ((p1 & 0x18) != 0x10) {
            ISOException.throwIt((short) Sw.INCORRECT_P1P2);
        }
        int dataLength = len - 5;
        if (dataLength < 0 || state[SCRATCH_LENGTH] + dataLength > SCRATCH) {
            state[SCRATCH_LENGTH] = 0;
            ISOException.throwIt((short) Sw.NOT_ENOUGH_MEMORY);
        }
        System.arraycopy(buf, off + 5, scratch, state[SCRATCH_LENGTH], dataLength);
        state[SCRATCH_LENGTH] = (short) (state[SCRATCH_LENGTH] + dataLength);
        if ((p1 & 0x80) == 0) {
            return;
        }
        byte[] command = Arrays.copyOf(scratch, state[SCRATCH_LENGTH]);
        state[SCRATCH_LENGTH] = 0;
        Arrays.fill(scratch, (byte) 0);
        byte[] updated = RuleStore.apply(store, storeLength, command, CAPACITY);
        System.arraycopy(updated, 0, store, 0, updated.length);
        Arrays.fill(store, updated.length, CAPACITY, (byte) 0);
        storeLength = (short) updated.length;
        bumpRefreshTag();
    }

    private void bumpRefreshTag() {
        for (int i = refreshTag.length - 1; i >= 0; i--) {
            if (++refreshTag[i] != 0) {
                break;
            }
        }
    }
}
