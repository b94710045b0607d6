package dev.inkan.generator.ir;

import dev.inkan.generator.diag.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * An APDU command of an applet: header, data, the machine states it is allowed in, the secure
 * messaging it needs, the PIN that must be verified, its refusal status words, and the model
 * event it stands for.
 */
public final class CommandDef extends Element {
    /** Security level bits of GP Amendment D: C-MAC 01, C-DECRYPTION 02, R-MAC 10, R-ENCRYPTION 20. */
    public static final int C_MAC = 0x01;
    public static final int C_DEC = 0x02;
    public static final int R_MAC = 0x10;
    public static final int R_ENC = 0x20;

    /** A header byte: a constant, any value, or a command parameter. */
    public record Header(Integer constant, boolean any, Variable param) {
        public boolean matchesAnything() {
            return any || param != null;
        }
    }

    private final AppletDef applet;
    private final int index;
    private final List<Variable> params = new ArrayList<>();
    private final List<StateDef> states = new ArrayList<>();
    private Header cla;
    private Header ins;
    private Header p1;
    private Header p2;
    private Variable dataParam;
    private byte[] dataConstant;
    private Integer le;
    private int securityLevel;
    private boolean handshake;
    private PinDef pin;
    private boolean pinOfSelectedFile;
    private int stateRefusal = 0x6985;
    private int secureRefusal = 0x6982;
    private int pinRefusal = 0x6982;
    private EventDef event;

    public CommandDef(AppletDef applet, String name, Span span, int index) {
        super(name, span);
        this.applet = applet;
        this.index = index;
    }

    public AppletDef applet() {
        return applet;
    }

    public int index() {
        return index;
    }

    public List<Variable> params() {
        return params;
    }

    /** States of the applet machine in which the command is accepted (all when empty is not allowed). */
    public List<StateDef> states() {
        return states;
    }

    public Header cla() {
        return cla;
    }

    public Header ins() {
        return ins;
    }

    public Header p1() {
        return p1;
    }

    public Header p2() {
        return p2;
    }

    public void setHeader(Header cla, Header ins, Header p1, Header p2) {
        this.cla = cla;
        this.ins = ins;
        this.p1 = p1;
        this.p2 = p2;
    }

    public Variable dataParam() {
        return dataParam;
    }

    public byte[] dataConstant() {
        return dataConstant == null ? null : dataConstant.clone();
    }

    public void setData(Variable param, byte[] constant) {
        this.dataParam = param;
        this.dataConstant = constant;
    }

    /** Expected response length byte, or null for no Le. */
    public Integer le() {
        return le;
    }

    public void setLe(Integer le) {
        this.le = le;
    }

    public int securityLevel() {
        return securityLevel;
    }

    /**
     * Whether the secure channel processes the command itself (INITIALIZE UPDATE, EXTERNAL
     * AUTHENTICATE): the dispatcher neither unwraps nor refuses its secure messaging.
     */
    public boolean handshake() {
        return handshake;
    }

    public void setHandshake(boolean handshake) {
        this.handshake = handshake;
    }

    public void setSecurityLevel(int level) {
        this.securityLevel = level;
    }

    /** The security level as names: "C-MAC + C-DEC + R-MAC + R-ENC", or "no secure messaging". */
    public String securityLevelNames() {
        List<String> names = new ArrayList<>();
        if ((securityLevel & C_MAC) != 0) {
            names.add("C-MAC");
        }
        if ((securityLevel & C_DEC) != 0) {
            names.add("C-DEC");
        }
        if ((securityLevel & R_MAC) != 0) {
            names.add("R-MAC");
        }
        if ((securityLevel & R_ENC) != 0) {
            names.add("R-ENC");
        }
        if (handshake) {
            return "secure channel handshake";
        }
        return names.isEmpty() ? "no secure messaging" : String.join(" + ", names);
    }

    public PinDef pin() {
        return pin;
    }

    public boolean pinOfSelectedFile() {
        return pinOfSelectedFile;
    }

    public void setPin(PinDef pin, boolean ofSelectedFile) {
        this.pin = pin;
        this.pinOfSelectedFile = ofSelectedFile;
    }

    public int stateRefusal() {
        return stateRefusal;
    }

    public int secureRefusal() {
        return secureRefusal;
    }

    public int pinRefusal() {
        return pinRefusal;
    }

    public void setRefusals(int state, int secure, int pin) {
        this.stateRefusal = state;
        this.secureRefusal = secure;
        this.pinRefusal = pin;
    }

    public EventDef event() {
        return event;
    }

    public void setEvent(EventDef event) {
        this.event = event;
    }
}
