package dev.inkan.generator.backend.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.generator.SpecCompiler;
import dev.inkan.generator.ir.Element;
import dev.inkan.generator.ir.ProtocolDef;
import dev.inkan.generator.ir.ProtocolStep;
import dev.inkan.generator.ir.ReqCitation;
import dev.inkan.generator.ir.Spec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code requirements.md}: requirement -> spec element -> test, uncovered requirements first. */
class DocsRequirementsTest {

    @Test
    void requirementTitlesJoinContinuationLines() throws IOException {
        Map<String, String> titles = SpecCompiler.requirementTitles(SpecFixture.REQUIREMENTS);
        assertEquals(new ArrayList<>(SpecCompiler.requirementIds(SpecFixture.REQUIREMENTS)),
                new ArrayList<>(titles.keySet()), "same ids, same order as requirementIds");
        assertEquals("**JPKI applet**: stores the phone certificates and private keys; keys are generated in the chip "
                + "and never leave it.", titles.get("SYS-6"));
        assertEquals("RSA-2048 key pairs generated inside the SE.", titles.get("CRY-1"));
        assertEquals("GlobalPlatform Card Specification and Amendment D (SCP03); GP Secure Element Access Control "
                + "(ARA-M rules).", titles.get("STD-1"));
    }

    @Test
    void theCompilerHandsTheTitlesToTheSpec() throws IOException {
        Spec spec = SpecFixture.compile();
        assertEquals(SpecCompiler.requirementTitles(SpecFixture.REQUIREMENTS), spec.requirements);
        assertTrue(SpecFixture.compile(SpecFixture.SPEC, SpecFixture.BASE, null).requirements.isEmpty());
    }

    @Test
    void uncoveredRequirementsAreListedFirstAndExactly() throws IOException {
        Spec spec = SpecFixture.compile();
        String page = SpecFixture.docs(spec).get("requirements.md");
        int uncoveredAt = page.indexOf("## Requirements no spec element covers");
        int coverageAt = page.indexOf("## Coverage");
        assertTrue(uncoveredAt > 0 && uncoveredAt < coverageAt, "the uncovered list comes before the coverage");
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^- \\[([A-Z]+-\\d+)\\]").matcher(page.substring(uncoveredAt,
                page.indexOf("## ", uncoveredAt + 3)));
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> cited = cited(spec);
        Set<String> expected = new TreeSet<>(spec.requirements.keySet());
        expected.removeAll(cited);
        assertEquals(expected, listed);
        assertTrue(listed.contains("LIFE-2"), listed.toString());
        assertTrue(page.contains("- [LIFE-2](#life-2) Reissuance online on a new phone after loss or lock, again with "
                + "the card signature.\n"));
        assertTrue(page.contains("**Not covered:** no spec element cites LIFE-2."));
        assertTrue(page.contains("## Requirements no generated test covers\n\nOnly declarations (types, roles, "
                + "functions, systems, security domains) cite them.\n\n- [STD-1](#std-1) GlobalPlatform Card "
                + "Specification and Amendment D (SCP03); GP Secure Element Access Control (ARA-M rules).\n"), page);
        assertTrue(page.contains("## Cited ids REQUIREMENTS.md does not define\n\n- [FOO-1](#foo-1)\n"));
    }

    @Test
    void everyCitationMapsToItsElementAndSuite() throws IOException {
        String page = SpecFixture.docs(SpecFixture.compile()).get("requirements.md");
        String pre3 = section(page, "PRE-3");
        assertTrue(pre3.contains("| machine | [PhoneCert](certs.md#machine-phonecert) | spec/certs.jsm:16 | "
                + "`PhoneCertMachineSuite` |"), pre3);
        assertTrue(pre3.contains("| transition | [PhoneCert.issue(Absent->Active)#0](certs.md#machine-phonecert) | "
                + "spec/certs.jsm:30 | `PhoneCertMachineSuite` |"), pre3);
        assertTrue(pre3.contains("| invariant | [OnePhonePerCertificate](certs.md#invariant-onephonepercertificate) | "
                + "spec/certs.jsm:84 | `OnePhonePerCertificateInvariantSuite` |"), pre3);
        assertTrue(pre3.contains("Tests: `OnePhonePerCertificateInvariantSuite`, `PhoneCertMachineSuite`"), pre3);
        assertTrue(section(page, "LIFE-8").contains("| observation | [NoSignatureAfterRevocation on Pin(ph, Sign).lock]"
                + "(certs.md#monitor-nosignatureafterrevocation) | spec/certs.jsm:79 | "
                + "`NoSignatureAfterRevocationMonitorSuite` |"));
        assertTrue(section(page, "PRE-1").contains("| protocol step | [Issuance: Jpki -> SpTsm refused]"
                + "(applet.md#protocol-issuance) | spec/applet.jsm:89 | `IssuanceProtocolSuite` |"));
        assertTrue(section(page, "SYS-6").contains("| applet | [JpkiAp](applet.md#applet-jpkiap) | "
                + "spec/applet.jsm:25 | "
                + "`JpkiApCommandSuite` |"));
        assertTrue(section(page, "PRE-8").contains("| security domain | [SpSd](types.md#declarations) | "
                + "spec/types.jsm:17 | — |"), "declarations have no suite");
        for (String id : cited(SpecFixture.compile())) {
            assertTrue(page.contains("\n### " + id + "\n"), id);
            assertFalse(section(page, id).contains("**Not covered:**"), id);
        }
    }

    @Test
    void withoutRequirementsMdTheCitedIdsAreStillListed() throws IOException {
        Spec spec = SpecFixture.compile(SpecFixture.SPEC, SpecFixture.BASE, null);
        String page = SpecFixture.docs(spec).get("requirements.md");
        assertTrue(page.contains("REQUIREMENTS.md was not found"), page);
        assertFalse(page.contains("## Requirements no spec element covers"));
        assertTrue(page.contains("\n### PRE-3\n") && page.contains("\n### FOO-1\n"));
        assertTrue(page.indexOf("### LIFE-3") < page.indexOf("### LIFE-11"), "ids in numeric order");
    }

    @Test
    void theIndexCountsEveryFile() throws IOException {
        String index = SpecFixture.docs(SpecFixture.compile()).get("README.md");
        assertTrue(index.contains("| spec/certs.jsm | [certs.md](certs.md) | 3 | 11 | 16 | 1 | 3 | 0 | 0 | 0 | 10 |"),
                index);
        assertTrue(index.contains("| spec/applet.jsm | [applet.md](applet.md) | 1 | 4 | 8 | 0 | 0 | 1 | 7 | 1 | 9 |"),
                index);
        assertTrue(index.contains("| **total** |  | 4 | 15 | 24 | 1 | 3 | 1 | 7 | 1 | 17 |"), index);
    }

    private static String section(String page, String id) {
        int from = page.indexOf("\n### " + id + "\n");
        assertTrue(from >= 0, id);
        int to = page.indexOf("\n### ", from + 5);
        return page.substring(from, to < 0 ? page.length() : to);
    }

    /** Every id some element or protocol step cites, found without the back end. */
    private static Set<String> cited(Spec spec) {
        Set<String> out = new LinkedHashSet<>();
        for (Element e : spec.elements()) {
            out.addAll(e.requirementIds());
        }
        for (ProtocolDef p : spec.protocols) {
            steps(p.steps(), out);
        }
        return out;
    }

    private static void steps(List<ProtocolStep> steps, Set<String> out) {
        for (ProtocolStep s : steps) {
            s.requirements().stream().map(ReqCitation::id).forEach(out::add);
            if (s instanceof ProtocolStep.Block b) {
                steps(b.steps(), out);
                steps(b.elseSteps(), out);
            }
        }
    }
}
