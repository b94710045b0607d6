package dev.inkan.phone.face;

/**
 * Which JPKI AP a simulated SE serves: the Individual Number Card's (SYS-7) or the phone applet's
 * contactless face (SYS-6, ACC-3). The same applet; the install parameter sets the token info.
 */
public enum Face {
    /** The Individual Number Card: contact card, JPKIAPICCTOKEN2, the card's ATR. */
    CARD("JPKIAPICCTOKEN2", "3BE000FF8131FE4514", "01"),
    /** A phone's GP-SE seen by an NFC terminal: JPKIAPGPSETOKEN, a contactless-style ATR. */
    PHONE("JPKIAPGPSETOKEN", null, "00");

    /** The token info EF 0006 (before the space padding). */
    public final String token;
    /** The ATR, hex; null for the SE's default (a contactless reader's ATR built from the ATS). */
    public final String atr;
    /** The JPKI applet's install parameter ('C9'), hex. */
    public final String installParameter;

    Face(String token, String atr, String installParameter) {
        this.token = token;
        this.atr = atr;
        this.installParameter = installParameter;
    }
}
