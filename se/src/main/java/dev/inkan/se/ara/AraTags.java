package dev.inkan.se.ara;

/** Data object tags of GP Secure Element Access Control 1.1 (sections 5.1 and 6). */
public final class AraTags {
    public static final int REF_AR_DO = 0xE2;
    public static final int REF_DO = 0xE1;
    public static final int AR_DO = 0xE3;
    public static final int AID_REF_DO = 0x4F;
    /** AID-REF-DO for the implicitly selected (default) application: 'C0' with length 0. */
    public static final int AID_REF_DO_DEFAULT = 0xC0;
    public static final int DEVICE_APP_ID_REF_DO = 0xC1;
    public static final int PKG_REF_DO = 0xCA;
    public static final int APDU_AR_DO = 0xD0;
    public static final int NFC_AR_DO = 0xD1;

    public static final int COMMAND_STORE = 0xF0;
    public static final int COMMAND_DELETE = 0xF1;
    public static final int COMMAND_UPDATE_REFRESH_TAG = 0xF2;

    public static final int RESPONSE_ALL = 0xFF40;
    public static final int RESPONSE_SPECIFIC = 0xFF50;
    public static final int GET_NEXT = 0xFF60;
    public static final int REFRESH_TAG = 0xDF20;

    private AraTags() {
    }
}
