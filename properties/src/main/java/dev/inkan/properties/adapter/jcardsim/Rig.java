package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.phone.app.AppFaults;
import dev.inkan.phone.app.JpkiApp;
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
    /** The JPKI app's test-only faults (production: none). */
    final AppFaults appFaults;
    Registry registry;
    PhoneSe[] phones = new PhoneSe[0];
    /** The model's state before the step being applied (after the last one once it is done). */
    byte[] before;
    /** The phones whose applet (READ STATUS, PINs, CA files) or content (GET STATUS, keys, ARA-M) must be read again. */
    boolean[] appletDirty = new boolean[0];
    boolean[] contentDirty = new boolean[0];

    Rig(Model model, AppFaults appFaults) {
        this.view = new ModelView(model);
        this.values = new Values(view);
        this.appFaults = appFaults;
    }

    /** The JPKI app on phone {@code ph} (its data in the phone's memo), reaching the applet as the user's commands do. */
    JpkiApp app(int ph) {
        PhoneSe phone = phones[ph];
        if (phone.memo.vault == null) {
            throw new IllegalStateException("the JPKI app is not installed on phone " + ph);
        }
        return new JpkiApp(phone::user, phone.memo.vault, appFaults);
    }

    /** The phone a step talks to: its applet and content are read again afterwards. */
    PhoneSe touch(int ph) {
        appletDirty[ph] = true;
        contentDirty[ph] = true;
        return phones[ph];
    }
}
