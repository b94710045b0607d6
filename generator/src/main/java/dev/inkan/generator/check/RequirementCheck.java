package dev.inkan.generator.check;

import dev.inkan.generator.diag.Diagnostics;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.ProtocolStep;
import dev.inkan.generator.ir.ReqCitation;
import dev.inkan.generator.ir.Spec;
import java.util.List;
import java.util.Set;

/** Citations of requirement ids that REQUIREMENTS.md does not define (a warning). */
final class RequirementCheck implements Check {
    private final Set<String> known;

    RequirementCheck(Set<String> known) {
        this.known = known;
    }

    @Override
    public void run(Spec spec, Diagnostics diagnostics) {
        for (Element e : spec.elements()) {
            check(e.requirements(), diagnostics);
        }
        for (ProtocolDef p : spec.protocols) {
            steps(p.steps(), diagnostics);
        }
    }

    private void steps(List<ProtocolStep> steps, Diagnostics diagnostics) {
        for (ProtocolStep s : steps) {
            check(s.requirements(), diagnostics);
            if (s instanceof ProtocolStep.Block b) {
                steps(b.steps(), diagnostics);
                steps(b.elseSteps(), diagnostics);
            }
        }
    }

    private void check(List<ReqCitation> citations, Diagnostics diagnostics) {
        for (ReqCitation c : citations) {
            if (!known.contains(c.id())) {
                diagnostics.unknownRequirement(c.span(), c.id());
            }
        }
    }
}
