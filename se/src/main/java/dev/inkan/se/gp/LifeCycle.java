package dev.inkan.se.gp;

/** Life cycle state codings (GP Card Spec 2.3 section 11.1.1). */
public final class LifeCycle {
    // card
    public static final int CARD_OP_READY = 0x01;
    public static final int CARD_INITIALIZED = 0x07;
    public static final int CARD_SECURED = 0x0F;
    public static final int CARD_LOCKED = 0x7F;
    public static final int CARD_TERMINATED = 0xFF;

    // executable load file
    public static final int LOAD_FILE_LOADED = 0x01;

    // application and security domain
    public static final int INSTALLED = 0x03;
    public static final int SELECTABLE = 0x07;
    public static final int SD_PERSONALIZED = 0x0F;
    /** b8 set: locked (the other bits keep the state before locking). */
    public static final int LOCKED_BIT = 0x80;

    private LifeCycle() {
    }

    /** True when an application or SD in {@code state} can be selected (SELECTABLE or later, not locked). */
    public static boolean isSelectable(int state) {
        return (state & LOCKED_BIT) == 0 && (state & SELECTABLE) == SELECTABLE;
    }

    public static boolean isLocked(int state) {
        return (state & LOCKED_BIT) != 0;
    }

    /** True for the card states GP defines. */
    public static boolean isCardState(int state) {
        return state == CARD_OP_READY || state == CARD_INITIALIZED || state == CARD_SECURED
                || state == CARD_LOCKED || state == CARD_TERMINATED;
    }

    /** Card transitions GP 2.3 section 5.1.1 allows through SET STATUS. */
    public static boolean isCardTransitionAllowed(int from, int to) {
        if (from == CARD_TERMINATED) {
            return false;
        }
        if (to == CARD_TERMINATED) {
            return true;
        }
        return (from == CARD_OP_READY && to == CARD_INITIALIZED)
                || (from == CARD_INITIALIZED && to == CARD_SECURED)
                || (from == CARD_SECURED && to == CARD_LOCKED)
                || (from == CARD_LOCKED && to == CARD_SECURED);
    }

    /** Parses a symbolic name (SECURED, SELECTABLE...) or a hex byte. */
    public static int parse(String text) {
        switch (text.trim().toUpperCase()) {
            case "OP_READY": return CARD_OP_READY;
            case "INITIALIZED": return CARD_INITIALIZED;
            case "SECURED": return CARD_SECURED;
            case "CARD_LOCKED": return CARD_LOCKED;
            case "TERMINATED": return CARD_TERMINATED;
            case "INSTALLED": return INSTALLED;
            case "SELECTABLE": return SELECTABLE;
            case "PERSONALIZED": return SD_PERSONALIZED;
            case "LOADED": return LOAD_FILE_LOADED;
            default: return Integer.parseInt(text.trim(), 16);
        }
    }
}
