package dev.inkan.se.runtime;

import com.licel.jcardsim.base.ApduCase;
import com.licel.jcardsim.base.LoadFile;
import com.licel.jcardsim.base.SimulatorRuntime;
import com.licel.jcardsim.base.SimulatorSystem;
import dev.inkan.se.apdu.Cla;
import dev.inkan.se.apdu.CommandApdu;
import dev.inkan.se.apdu.Ins;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.util.Aid;
import java.lang.reflect.Field;
import java.util.function.Supplier;
import javacard.framework.APDU;
import javacard.framework.AID;
import javacard.framework.Applet;
import javacard.framework.ISOException;
import javacard.framework.MultiSelectable;
import javacardx.apdu.ExtendedLength;

/**
 * The Java Card runtime of the simulated SE, on jcardsim's {@link SimulatorRuntime}: two interfaces
 * (contact, contactless), logical channels 0..19 with MANAGE CHANNEL (ISO/IEC 7816-4 section 7.1.2),
 * SELECT by DF name routed through the GlobalPlatform registry (GP 2.3 11.9), multi-selection rules
 * and CLEAR_ON_DESELECT memory per applet context (JCRE 3.0.5 chapters 4 and 6), and dispatch with
 * the logical channel visible to applets ({@code APDU.getCLAChannel}, {@code JCSystem.getAssignedChannel}).
 */
public final class GpRuntime extends SimulatorRuntime {
    static {
        Entropy.init();
    }

    private static final byte LOGICAL_CHANNEL_VAR = 6;
    private static final byte LE_VAR = 0;
    private static final int SHORT_BUFFER = 260;
    private final OwnedTransientMemory memory;
    private final RuntimePolicy policy;
    private final int channelCount;
    private final Aid[][] selected;
    private final boolean[][] open;
    private final Field ramVars;
    private CardInterface currentInterface = CardInterface.CONTACT;
    private int currentChannel;
    private Aid currentApplet;
    private byte[] currentCommand = new byte[0];

    public GpRuntime(RuntimePolicy policy, int channelCount) {
        this(new OwnedTransientMemory(), policy, channelCount);
    }

    private GpRuntime(OwnedTransientMemory memory, RuntimePolicy policy, int channelCount) {
        super(memory);
        if (channelCount < 1 || channelCount > Cla.MAX_CHANNEL + 1) {
            throw new IllegalArgumentException("logical channels: 1..20, not " + channelCount);
        }
        this.memory = memory;
        this.policy = policy;
        this.channelCount = channelCount;
        int n = CardInterface.values().length;
        this.selected = new Aid[n][channelCount];
        this.open = new boolean[n][channelCount];
        memory.setContext(() -> currentApplet);
        try {
            ramVars = APDU.class.getDeclaredField("ramVars");
            ramVars.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jcardsim APDU layout changed", e);
        }
        for (CardInterface i : CardInterface.values()) {
            open[i.ordinal()][0] = true;
        }
    }

    /** The runtime active on this thread, or null when the current jcardsim runtime is not ours. */
    public static GpRuntime current() {
        SimulatorRuntime rt = SimulatorSystem.instance();
        return rt instanceof GpRuntime g ? g : null;
    }

    /** Makes this runtime the thread's current one (jcardsim keeps it in a thread local). */
    public void activate() {
        activateSimulatorRuntimeInstance();
    }

    /** The GlobalPlatform layer this runtime asks about selection. */
    public RuntimePolicy policy() {
        return policy;
    }

    public int channelCount() {
        return channelCount;
    }

    public CardInterface currentInterface() {
        return currentInterface;
    }

    public int currentChannel() {
        return currentChannel;
    }

    /** The applet whose context is active (selected applet during process), or null. */
    public Aid currentApplet() {
        return currentApplet;
    }

    /** The raw command APDU being processed (platform code reads it; applets use {@link APDU}). */
    public byte[] currentCommand() {
        return currentCommand.clone();
    }

    /**
     * Brackets platform crypto calls into jcardsim (SCP03): the transient scratch arrays jcardsim
     * allocates at each operation are then not registered as applet memory.
     */
    public static void platformCrypto(boolean on) {
        GpRuntime rt = current();
        if (rt != null) {
            rt.memory.platformScratch(on);
        }
    }

    /** Live transient arrays (leak checks). */
    public int transientArrays() {
        return memory.size();
    }

    /** The applet selected on a channel, or null. */
    public Aid selectedOn(CardInterface iface, int channel) {
        return channel < channelCount ? selected[iface.ordinal()][channel] : null;
    }

    public boolean isOpen(CardInterface iface, int channel) {
        return channel < channelCount && open[iface.ordinal()][channel];
    }

    /** True when {@code aid} is selected on any channel of any interface. */
    public boolean isActive(Aid aid) {
        return countActive(aid) > 0;
    }

    private int countActive(Aid aid) {
        int n = 0;
        for (Aid[] row : selected) {
            for (Aid a : row) {
                if (aid.equals(a)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The applet instance registered under {@code aid}, or null. */
    public Applet applet(Aid aid) {
        return aid == null ? null : getApplet(aid.toJavacard());
    }

    @Override
    public AID getAID() {
        return currentApplet == null ? null : currentApplet.toJavacard();
    }

    @Override
    public byte getAssignedChannel() {
        return (byte) currentChannel;
    }

    /** Runs {@code action} in the context of applet {@code aid} (JCSystem.getAID, transient owner). */
    public <T> T inContext(Aid aid, Supplier<T> action) {
        activate();
        Aid saved = currentApplet;
        currentApplet = aid;
        try {
            return action.get();
        } finally {
            currentApplet = saved;
        }
    }

    /** Registers a load file of the "ROM" (jcardsim load file with its modules). */
    public void addLoadFile(LoadFile loadFile) {
        loadLoadFile(loadFile);
    }

    /**
     * Creates an applet instance by calling its class's {@code install(byte[], short, byte)} with
     * the GP install parameters (GP 2.3 section 11.5, JC 3.0.5 Applet.install), in the new instance's
     * context.
     */
    public void install(Aid loadFile, Aid module, Aid instance, byte[] installParameters) {
        inContext(instance, () -> {
            installApplet(loadFile.toJavacard(), module.toJavacard(), instance.toJavacard(),
                    installParameters, (short) 0, (byte) installParameters.length);
            return null;
        });
        Applet installed = applet(instance);
        if (installed != null) {
            Entropy.seed(installed);
        }
    }

    /** Registers an already built applet object (restored from persistence) under {@code aid}. */
    public void register(Aid aid, Applet applet) {
        Entropy.seed(applet);
        applets.put(aid.toJavacard(), new ApplicationInstance(aid.toJavacard(), applet));
    }

    /** Removes an instance (calls AppletEvent.uninstall when implemented) and forgets its transient arrays. */
    public void delete(Aid aid) {
        inContext(aid, () -> {
            deleteApplet(aid.toJavacard());
            return null;
        });
        memory.forget(aid);
    }

    /** The AIDs of all instances registered with jcardsim. */
    public java.util.List<Aid> instances() {
        java.util.List<Aid> out = new java.util.ArrayList<>();
        for (AID a : applets.keySet()) {
            out.add(Aid.of(a));
        }
        return out;
    }

    /** Power up / warm reset: channels close, RAM is cleared, the default applet is selected. */
    public void powerUp() {
        activate();
        for (CardInterface iface : CardInterface.values()) {
            for (int ch = 0; ch < channelCount; ch++) {
                selected[iface.ordinal()][ch] = null;
                open[iface.ordinal()][ch] = ch == 0;
            }
        }
        if (getTransactionDepth() != 0) {
            abortTransaction();
        }
        memory.clearAll();
        policy.cardReset();
        currentApplet = null;
        Aid def = policy.defaultApplet(CardInterface.CONTACT);
        if (def != null && applet(def) != null) {
            if (callSelect(def, false)) {
                selected[CardInterface.CONTACT.ordinal()][0] = def;
            }
        }
    }

    /** The field of one interface goes away (contactless: the phone leaves the terminal): its channels close. */
    public void interfaceOff(CardInterface iface) {
        activate();
        for (int ch = 0; ch < channelCount; ch++) {
            if (selected[iface.ordinal()][ch] != null) {
                deselect(iface, ch);
            }
            open[iface.ordinal()][ch] = ch == 0;
        }
    }

    /** Processes one command APDU arriving on {@code iface}; never throws. */
    public byte[] transmit(CardInterface iface, byte[] command) {
        activate();
        currentInterface = iface;
        changeProtocol(iface == CardInterface.CONTACTLESS
                ? (byte) (APDU.PROTOCOL_T1 | APDU.PROTOCOL_MEDIA_CONTACTLESS_TYPE_A) : APDU.PROTOCOL_T1);
        CommandApdu apdu = CommandApdu.parse(command);
        if (apdu == null) {
            return Sw.bytes(Sw.WRONG_LENGTH);
        }
        byte cla = apdu.cla();
        if (Cla.isInvalid(cla)) {
            return Sw.bytes(Sw.CLA_NOT_SUPPORTED);
        }
        int ch = Cla.channel(cla);
        if (ch >= channelCount || !open[iface.ordinal()][ch]) {
            return Sw.bytes(Sw.LOGICAL_CHANNEL_NOT_SUPPORTED);
        }
        currentChannel = ch;
        if (apdu.ins() == Ins.MANAGE_CHANNEL && !Cla.isProprietary(cla)) {
            return manageChannel(iface, ch, apdu);
        }
        Aid current = selected[iface.ordinal()][ch];
        if (isSelectByName(apdu)) {
            byte[] aid = apdu.data();
            boolean next = (apdu.p2() & 0x03) == 0x02;
            Aid target = policy.resolveSelect(iface, aid, next, current);
            if (target != null && applet(target) != null) {
                return select(iface, ch, target, command, apdu);
            }
            if (current != null) {
                return dispatch(current, command, apdu, false);
            }
            return Sw.bytes(Sw.FILE_NOT_FOUND);
        }
        if (current == null) {
            return Sw.bytes(Sw.APPLET_SELECT_FAILED);
        }
        return dispatch(current, command, apdu, false);
    }

    private static boolean isSelectByName(CommandApdu apdu) {
        return !Cla.isProprietary(apdu.cla()) && apdu.ins() == Ins.SELECT && apdu.p1() == 0x04
                && (apdu.p2() & 0xE0) == 0 && !apdu.isExtended();
    }

    private byte[] select(CardInterface iface, int ch, Aid target, byte[] command, CommandApdu apdu) {
        Applet applet = applet(target);
        int activeHere = target.equals(selected[iface.ordinal()][ch]) ? 1 : 0;
        if (countActive(target) > activeHere && !(applet instanceof MultiSelectable)) {
            // JCRE 3.0.5 chapter 4: not multiselectable and active elsewhere; the current applet stays
            return Sw.bytes(Sw.CONDITIONS_NOT_SATISFIED);
        }
        if (selected[iface.ordinal()][ch] != null) {
            deselect(iface, ch);
        }
        boolean elsewhere = isActive(target);
        policy.processed(target);
        if (!callSelect(target, elsewhere)) {
            return Sw.bytes(Sw.APPLET_SELECT_FAILED);
        }
        selected[iface.ordinal()][ch] = target;
        return dispatch(target, command, apdu, true);
    }

    private boolean callSelect(Aid target, boolean alreadyActive) {
        Applet applet = applet(target);
        return inContext(target, () -> {
            try {
                return applet instanceof MultiSelectable m ? m.select(alreadyActive) : applet.select();
            } catch (Throwable t) {
                return false;
            }
        });
    }

    /** Deselects whatever is selected on a channel (JCRE 3.0.5 chapter 4). */
    private void deselect(CardInterface iface, int ch) {
        Aid aid = selected[iface.ordinal()][ch];
        selected[iface.ordinal()][ch] = null;
        if (aid == null) {
            return;
        }
        Applet applet = applet(aid);
        boolean stillActive = isActive(aid);
        policy.processed(aid);
        int savedChannel = currentChannel;
        currentChannel = ch;
        if (applet != null) {
            inContext(aid, () -> {
                try {
                    if (applet instanceof MultiSelectable m) {
                        m.deselect(stillActive);
                    } else {
                        applet.deselect();
                    }
                } catch (Throwable ignored) {
                    // JCRE: exceptions thrown by deselect are caught and ignored
                }
                return null;
            });
        }
        currentChannel = savedChannel;
        if (getTransactionDepth() != 0) {
            abortTransaction();
        }
        if (!stillActive) {
            memory.clearOnDeselect(aid);
        }
        policy.deselected(iface, ch, aid);
    }

    /** Deselects {@code aid} from every channel (before deleting or locking it). */
    public void deselectEverywhere(Aid aid) {
        for (CardInterface iface : CardInterface.values()) {
            for (int ch = 0; ch < channelCount; ch++) {
                if (aid.equals(selected[iface.ordinal()][ch])) {
                    deselect(iface, ch);
                }
            }
        }
    }

    private byte[] dispatch(Aid aid, byte[] command, CommandApdu apdu, boolean selecting) {
        Applet applet = applet(aid);
        if (apdu.isExtended() && !(applet instanceof ExtendedLength)) {
            return Sw.bytes(Sw.WRONG_LENGTH);
        }
        ApduCase apduCase;
        byte[] forBuffer = command;
        int leOverride = 0;
        try {
            apduCase = ApduCase.getCase(command);
        } catch (IllegalArgumentException e) {
            return Sw.bytes(Sw.WRONG_LENGTH);
        }
        if (!apdu.isExtended() && command.length > SHORT_BUFFER) {
            // case 4 with Lc = 255: jcardsim's 260-byte buffer holds header and data, not Le
            forBuffer = java.util.Arrays.copyOf(command, command.length - 1);
            apduCase = ApduCase.Case3;
            leOverride = apdu.ne();
        }
        Aid saved = currentApplet;
        currentApplet = aid;
        currentCommand = command;
        usingExtendedAPDUs = apdu.isExtended();
        responseBufferSize = 0;
        this.selecting = selecting;
        APDU a = getCurrentAPDU();
        int sw;
        try {
            resetAPDU(a, apduCase, forBuffer);
            short[] vars = (short[]) ramVars.get(a);
            vars[LOGICAL_CHANNEL_VAR] = (short) currentChannel;
            if (leOverride > 0) {
                vars[LE_VAR] = (short) leOverride;
            }
            policy.processed(aid);
            applet.process(a);
            sw = Sw.OK;
        } catch (ISOException e) {
            sw = e.getReason() & 0xFFFF;
        } catch (Throwable t) {
            sw = Sw.UNKNOWN;
        } finally {
            this.selecting = false;
            resetAPDU(a, null, null);
            if (getTransactionDepth() != 0) {
                abortTransaction();
            }
            currentApplet = saved;
            currentCommand = new byte[0];
        }
        int sw1 = sw >>> 8;
        boolean withData = sw1 == 0x61 || sw1 == 0x62 || sw1 == 0x63 || (sw1 >= 0x90 && sw1 <= 0x9F);
        int n = withData ? responseBufferSize : 0;
        byte[] out = new byte[n + 2];
        System.arraycopy(responseBuffer, 0, out, 0, n);
        out[n] = (byte) (sw >>> 8);
        out[n + 1] = (byte) sw;
        return out;
    }

    /** MANAGE CHANNEL open and close (ISO/IEC 7816-4 section 7.1.2; JCRE 3.0.5 section 4.4). */
    private byte[] manageChannel(CardInterface iface, int origin, CommandApdu apdu) {
        int p1 = apdu.p1() & 0xFF;
        int p2 = apdu.p2() & 0xFF;
        if (apdu.nc() != 0) {
            return Sw.bytes(Sw.WRONG_LENGTH);
        }
        boolean[] o = open[iface.ordinal()];
        if (p1 == 0x00) {
            int target = p2;
            if (target == 0) {
                for (int i = 1; i < channelCount && target == 0; i++) {
                    if (!o[i]) {
                        target = i;
                    }
                }
                if (target == 0) {
                    return Sw.bytes(Sw.FUNCTION_NOT_SUPPORTED);
                }
            } else if (target >= channelCount) {
                return Sw.bytes(Sw.LOGICAL_CHANNEL_NOT_SUPPORTED);
            } else if (o[target]) {
                return Sw.bytes(Sw.INCORRECT_P1P2);
            }
            o[target] = true;
            Aid inherit = origin == 0 ? policy.defaultApplet(iface) : selected[iface.ordinal()][origin];
            currentChannel = target;
            if (inherit != null && applet(inherit) instanceof MultiSelectable && callSelect(inherit, isActive(inherit))) {
                selected[iface.ordinal()][target] = inherit;
            }
            currentChannel = origin;
            return p2 == 0 ? new byte[] {(byte) target, (byte) 0x90, 0x00} : Sw.bytes(Sw.OK);
        }
        if (p1 == 0x80) {
            int target = p2 == 0 ? origin : p2;
            if (target == 0) {
                return Sw.bytes(Sw.INCORRECT_P1P2);
            }
            if (target >= channelCount || !o[target]) {
                return Sw.bytes(Sw.LOGICAL_CHANNEL_NOT_SUPPORTED);
            }
            deselect(iface, target);
            o[target] = false;
            return Sw.bytes(Sw.OK);
        }
        return Sw.bytes(Sw.INCORRECT_P1P2);
    }
}
