package dev.inkan.se.apdu;

/** Instruction bytes (ISO/IEC 7816-4 and GP Card Spec 2.3 chapter 11). */
public final class Ins {
    public static final byte SELECT = (byte) 0xA4;
    public static final byte MANAGE_CHANNEL = 0x70;
    public static final byte GET_RESPONSE = (byte) 0xC0;
    public static final byte GET_DATA = (byte) 0xCA;
    public static final byte GET_DATA_ODD = (byte) 0xCB;
    public static final byte INITIALIZE_UPDATE = 0x50;
    public static final byte EXTERNAL_AUTHENTICATE = (byte) 0x82;
    public static final byte BEGIN_RMAC_SESSION = 0x7A;
    public static final byte END_RMAC_SESSION = 0x78;
    public static final byte INSTALL = (byte) 0xE6;
    public static final byte LOAD = (byte) 0xE8;
    public static final byte DELETE = (byte) 0xE4;
    public static final byte GET_STATUS = (byte) 0xF2;
    public static final byte SET_STATUS = (byte) 0xF0;
    public static final byte PUT_KEY = (byte) 0xD8;
    public static final byte STORE_DATA = (byte) 0xE2;

    private Ins() {
    }
}
