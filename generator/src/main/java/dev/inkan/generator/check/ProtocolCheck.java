package dev.inkan.generator.check;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.ProtocolStep;
import dev.inkan.generator.ir.Spec;
import java.util.List;

/**
 * Scripts must be sent by the role that holds the keys of the security domain they run under
 * (REQ PRE-7, PRE-8): the SP-TSM never scripts under the issuer's keys and the other way round.
 */
final class ProtocolCheck implements Check {
    @Override
    public void run(Spec spec, Diagnostics diagnostics) {
        for (ProtocolDef p : spec.protocols) {
            steps(p.steps(), diagnostics);
        }
    }

    private void steps(List<ProtocolStep> steps, Diagnostics diagnostics) {
        for (ProtocolStep s : steps) {
            if (s instanceof ProtocolStep.Script sc) {
                if (sc.domain().owner() != null && sc.domain().owner() != sc.from()) {
                    diagnostics.invalid(sc.span(), "script " + sc.name() + " runs under the keys of "
                            + sc.domain().name() + ", which belong to " + sc.domain().owner().name() + ", not to "
                            + sc.from().name());
                }
                if (sc.applet().domain() != null && sc.applet().domain() != sc.domain()) {
                    // the issuer's domain (no parent) manages every applet; any other only its own
                    boolean issuerManagement = sc.domain().parent() == null;
                    if (!issuerManagement) {
                        diagnostics.invalid(sc.span(), "script " + sc.name() + " addresses applet "
                                + sc.applet().name() + " of domain " + sc.applet().domain().name()
                                + " under the keys of " + sc.domain().name());
                    }
                }
            } else if (s instanceof ProtocolStep.Block b) {
                steps(b.steps(), diagnostics);
                steps(b.elseSteps(), diagnostics);
            }
        }
    }
}
