package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.runtime.model.Model;

/**
 * What the event mappings, the probes and the observer share for one model: its view, the phones
 * (SEs and what the host side knows of them), the JPKI service, the model's state before the step
 * being applied, and which phones must be read again (an SE changes only through its APDUs).
 * {@link JcardsimSystem} owns it and replaces its parts on reset and restore.
 */
final class Rig {
    final ModelView view;
    final Values values;
    Registry registry;
    PhoneSe[] phones = new PhoneSe[0];
    /** The model's state before the step being applied (after the last one once it is done). */
    byte[] before;
    /** The phones whose applet (READ STATUS, PINs, CA files) or content (GET STATUS, keys, ARA-M) must be read again. */
    boolean[] appletDirty = new boolean[0];
    boolean[] contentDirty = new boolean[0];

    Rig(Model model) {
        this.view = new ModelView(model);
        this.values = new Values(view);
    }

    /** The phone a step talks to: its applet and content are read again afterwards. */
    PhoneSe touch(int ph) {
        appletDirty[ph] = true;
        contentDirty[ph] = true;
        return phones[ph];
    }
}
