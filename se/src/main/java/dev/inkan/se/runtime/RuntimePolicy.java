package dev.inkan.se.runtime;

import dev.inkan.se.util.Aid;

/** What the card runtime asks the GlobalPlatform layer (the OPEN) about selection and channels. */
public interface RuntimePolicy {
    /**
     * The applet a SELECT by DF name selects (GP 2.3 11.9: exact or partial AID, first or next
     * occurrence), honouring life cycle states; null when no selectable applet matches.
     *
     * @param aid the AID bytes of the command (possibly empty: select the default applet)
     * @param nextOccurrence P2 b2-b1 = '10' ("next occurrence")
     * @param current the applet currently selected on the channel (for next occurrence), or null
     */
    Aid resolveSelect(CardInterface iface, byte[] aid, boolean nextOccurrence, Aid current);

    /** The applet implicitly selected on the basic channel after reset, or null. */
    Aid defaultApplet(CardInterface iface);

    /** An applet was deselected from a channel (secure channel sessions there end). */
    void deselected(CardInterface iface, int channel, Aid applet);

    /** The card was reset (power cycle): all sessions end. */
    void cardReset();

    /** An applet processed a command (its persistent state may have changed). */
    void processed(Aid applet);
}
