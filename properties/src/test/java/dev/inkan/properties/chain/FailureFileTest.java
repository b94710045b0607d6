package dev.inkan.properties.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.properties.TestSpecs;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureFileTest {
    @Test
    void writesAndReadsTheExactChain(@TempDir Path tmp) throws IOException {
        Model model = TestSpecs.model("clean");
        List<Action> chain = List.of(ModelText.parseAction(model, "Cert(person2).issue(ph=phone2)"),
                ModelText.parseAction(model, "Cert(person2).revoke"));
        FailureFile f = FailureFile.of("spec x/clean", "Person=2, Phone=2", "model-only", Property.monitor("M"), model,
                chain, List.of("two lines\nof comment"));
        Path file = tmp.resolve("f.chain");
        f.write(file);
        FailureFile back = FailureFile.read(file);
        assertEquals(f, back);
        assertEquals(chain, back.actions(model));
        assertEquals(List.of("Cert(person2).issue(ph=phone2)", "Cert(person2).revoke"), back.steps());
    }

    @Test
    void propertiesPrintAndParseAlike() {
        for (Property p : List.of(Property.invariant("A"), Property.monitor("B"), Property.liveness("C"),
                Property.correspondence("applet"), Property.semantics(dev.inkan.runtime.model.Outcome.Kind.EMIT_LOOP))) {
            assertEquals(p, Property.parse(p.toString()));
        }
    }
}
