package dev.inkan.properties.adapter.jcardsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.properties.chain.Checks;
import dev.inkan.properties.chain.Execution;
import dev.inkan.properties.chain.Replay;
import dev.inkan.properties.chain.TracePrinter;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process system follows the model through the spec's own flows (REQ SYS-5, SYS-6, UX-3, PRE-8). */
class JcardsimSystemTest {
    @Test
    void firstUseRunsOnTheRealSeAndAppletStepByStep() {
        Model model = SystemSpec.model();
        List<Action> chain = SystemSpec.firstUse(model);
        try (JcardsimSystem impl = new JcardsimSystem()) {
            Replay.Result r = Replay.run(new Execution(model, impl, Checks.all(model.info()), null), chain);
            assertEquals(Execution.Status.OK, r.status(), () -> r.violation() + " at step " + r.step() + "\n"
                    + TracePrinter.print(model, chain.subList(0, Math.max(0, r.step() + 1)), -1));
        }
    }
}
