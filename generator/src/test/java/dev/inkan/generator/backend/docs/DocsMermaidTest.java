package dev.inkan.generator.backend.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generator.ir.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mermaid the docs hold is well formed: {@link MermaidLint} on every diagram, and the escaping of labels. */
class DocsMermaidTest {
    private static final String GUARD = "count(ph: Phone | PhoneCert(p, ph, t) in {Active, Suspended}) <= 1";

    @Test
    void everyDiagramOfTheTestSpecIsWellFormed() throws IOException {
        Spec spec = SpecFixture.compile();
        Map<String, String> docs = SpecFixture.docs(spec);
        List<String> diagrams = new ArrayList<>();
        docs.values().forEach(text -> diagrams.addAll(MermaidLint.blocks(text)));
        assertEquals(spec.machines.size() + spec.monitors.size() + spec.protocols.size(), diagrams.size());
        for (String d : diagrams) {
            assertEquals(List.of(), MermaidLint.check(d), d);
        }
    }

    @Test
    void theDiagramsShowWhatTheSpecSays() throws IOException {
        Map<String, String> docs = SpecFixture.docs(SpecFixture.compile());
        String certs = docs.get("certs.md");
        String applet = docs.get("applet.md");
        assertTrue(certs.contains("    [*] --> Unset\n"), "initial state");
        assertTrue(certs.contains("    Locked --> [*]\n"), "final state");
        assertTrue(certs.contains("    Set --> Blocked : verify [!ok && (left <= 1)] / self.lock\n"), "guard and emit");
        assertTrue(certs.contains("    state \"Pending (hot)\" as Pending\n")
                && certs.contains("    class Pending hot\n"),
                "hot state marked");
        assertTrue(certs.contains("    note right of Temporary : REQ LIFE-5, LIFE-6\n"), "requirement note");
        assertTrue(certs.contains("    Active --> Revoked : cascade, revoke / Pin.lock\n")
                || certs.contains("    Active --> Revoked : cascade, revoke\n"), "one edge per pair of states");
        assertTrue(certs.contains("    Set --> Set : verify [2 cases]\n"), "several transitions of one event");
        assertTrue(certs.contains("    Pending --> Done : Pin(ph, Sign): lock, verify [\u2026] / fail\n"),
                "observations merged");
        assertTrue(applet.contains("    %% not drawn, they leave the state unchanged: getStatus (3 states)\n")
                && !applet.contains("--> Installed : getStatus"), "loop-only events are left out");
        assertTrue(applet.contains("\nNot drawn, as they leave the state unchanged wherever they are taken: "
                + "getStatus (3 states).\n"), "and named under the diagram");
        assertTrue(applet.contains("    Active --> Active : sign [Pin(ph, Sign) is Set], readCert […]\n")
                || applet.contains("    Active --> Active : sign […], readCert\n"), "events listed on a shared edge");
        assertTrue(certs.contains("Blocked --> Temporary : setTemporary [exists p: Person: PhoneCert(p, ph, t) in "
                + "\uFF5BActive, Suspended\uFF5D]"), "braces replaced in labels");
        assertTrue(applet.contains("    participant x_Box as Box\n"), "reserved role name aliased");
        assertTrue(applet.contains("    Note over SpTsm,SE: keys of SpSd held by SpTsm<br/>GENERATE_KEY 80 46 00 17 "
                + "expect 9000<br/>ACTIVATE 80 44 00 00 expect 9000, 6985<br/>SELECT_FILE 00 A4 02 0C expect 9000"
                + "<br/>REQ PRE-8\n"), "script note: keys, APDUs, status words");
        assertTrue(applet.contains("    alt card certificate valid\n") && applet.contains("    else card certificate "
                + "revoked\n") && applet.contains("    opt old phone holds a certificate (REQ LIFE-3)\n")
                && applet.contains("    loop until delivered - the push gateway may lose it\n"), "blocks, a block's @doc");
        assertTrue(applet.contains("    Note over Jpki,SpTsm: the CA signed the phone's key<br/>fires "
                + "PhoneCert(p, ph, t).issue()\n"), "a step's @doc, fired events");
        assertTrue(applet.contains("    Note over SpTsm,SE: reads the certificate back \u2039in full><br/>keys of SpSd"),
                "a script's @doc");
    }

    @Test
    void labelsLoseWhatMermaidChokesOn() {
        String label = Mermaid.text(GUARD);
        List<String> problems = new ArrayList<>();
        MermaidLint.label(label, problems, label);
        assertEquals(List.of(), problems);
        assertEquals("count(ph: Phone | PhoneCert(p, ph, t) in \uFF5BActive, Suspended\uFF5D) <= 1", label);
        String nasty = Mermaid.text("fail \"no; #1 {x}\" 100% a::b <b>bold</b>\nnext");
        problems.clear();
        MermaidLint.label(nasty, problems, nasty);
        assertEquals(List.of(), problems, nasty);
        assertFalse(Mermaid.note("a: b").contains(":"));
        assertEquals("abcdefghi\u2026", Mermaid.shorten("abcdefghijklmnop", 10));
        assertEquals("abc", Mermaid.shorten("abc", 10));
    }

    @Test
    void theLintFindsBrokenDiagrams() {
        assertFalse(MermaidLint.check("stateDiagram-v2\n    A\n    [*] --> A\n    A --> B : go\n").isEmpty(),
                "undeclared state");
        assertFalse(MermaidLint.check("stateDiagram-v2\n    A\n    [*] --> A\n    A --> A : x; y\n").isEmpty(),
                "semicolon in a label");
        assertFalse(MermaidLint.check("stateDiagram-v2\n    A\n    [*] --> A\n    note right of A : a: b\n")
                .isEmpty(), "colon in a note");
        assertFalse(MermaidLint.check("stateDiagram-v2\n    end\n    [*] --> end\n").isEmpty(), "reserved id");
        assertFalse(MermaidLint.check("sequenceDiagram\n    participant A\n    alt x\n    A->>A: m\n").isEmpty(),
                "unclosed block");
        assertFalse(MermaidLint.check("sequenceDiagram\n    participant A\n    opt x\n    else y\n    end\n")
                .isEmpty(), "else outside alt");
        assertFalse(MermaidLint.check("sequenceDiagram\n    participant A\n    A->>B: m\n").isEmpty(),
                "undeclared participant");
        assertFalse(MermaidLint.check("sequenceDiagram\n    participant A\n    A->>A: {x}\n").isEmpty(), "braces");
        assertEquals(List.of(), MermaidLint.check("sequenceDiagram\n    participant A\n    alt x\n    A->>A: m\n"
                + "    else y\n    A->>A: n\n    end\n"));
    }

    /** States and roles named like Mermaid keywords, and a guard full of braces, in a spec of their own. */
    @Test
    void keywordNamesAndBracesStayValid(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("spec");
        Files.createDirectories(spec);
        Files.writeString(spec.resolve("odd.jsm"), """
                enum CertType { Auth, Sign }
                domain Person, Phone
                role Note, End, User
                system Default { Person = 1  Phone = 2 }
                machine PhoneCert(p: Person, ph: Phone, t: CertType) {
                  initial state Absent
                  state Active
                  final state Suspended
                  event issue by User
                  event suspend by User
                  on issue from Absent -> Active when count(ph: Phone | PhoneCert(p, ph, t) in {Active, Suspended}) <= 1
                  on suspend from Active -> Suspended
                }
                machine Odd {
                  initial state note
                  state end, state_, Class
                  final state default
                  event go by User
                  on go from note -> end
                  on go from end -> state_
                  on go from state_ -> Class
                  on go from Class -> default
                }
                monitor Watch {
                  initial state Ok
                  hot state end
                  on Odd.go from Ok -> end
                  on PhoneCert(_, _, Sign).suspend from end -> Ok
                }
                protocol Talk {
                  roles Note, End, User
                  Note -> End: hello
                  alt "" { End -> End: again } else "x" { }
                }
                """);
        Spec s = SpecFixture.compile(spec, dir, null);
        String page = SpecFixture.docs(s).get("odd.md");
        List<String> diagrams = MermaidLint.blocks(page);
        assertEquals(4, diagrams.size());
        for (String d : diagrams) {
            assertEquals(List.of(), MermaidLint.check(d), d);
        }
        assertTrue(page.contains("    state \"end\" as x_end\n"), page);
        assertTrue(page.contains("    participant x_Note as Note\n"), page);
        assertTrue(page.contains("    x_default --> [*]\n"), page);
        assertTrue(page.contains("    state \"end (hot)\" as x_end\n"), page);
        assertTrue(page.contains("    alt -\n"), "an empty label still parses");
        assertTrue(page.contains("    Note over x_Note: nothing\n"), "an empty branch still parses");
    }
}
