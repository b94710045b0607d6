package dev.inkan.properties.adapter.jcardsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.properties.chain.Checks;
import dev.inkan.properties.chain.Execution;
import dev.inkan.properties.chain.Replay;
import dev.inkan.properties.model.ModelText;
import dev.inkan.runtime.model.Action;
import dev.inkan.runtime.model.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the spec and the implementation disagreed (README, findings F1-F4) and what each became
 * once they agree: the spec's own steps on the real system, every step compared, and the
 * refusals the model and the implementation now share probed (an implementation that accepts
 * one fails the correspondence).
 */
class FormerFindingsTest {
    /** Each step's outcome: OK, or PROBED for an action the model refuses and the implementation refused too. */
    static List<String> run(String start, String... steps) {
        Model model = SystemSpec.model();
        List<Action> prefix = BiteTest.start(model, start);
        List<String> out = new ArrayList<>();
        try (JcardsimSystem impl = new JcardsimSystem()) {
            Execution exec = new Execution(model, impl, Checks.all(model.info()), null);
            exec.reset();
            Execution.StepResult r = exec.applyPrefix(prefix);
            assertEquals(Execution.Status.OK, r.status(), () -> start + ": " + r.violation());
            for (String s : steps) {
                Execution.StepResult x = exec.apply(ModelText.parseAction(model, s));
                assertEquals(Execution.Status.OK, x.status(), () -> s + ": " + x.violation());
                out.add(x.probe() ? PROBED : OK);
            }
        }
        return out;
    }

    static final String OK = "OK";
    static final String PROBED = "PROBED";

    /**
     * Former F1: the spec sent INSTALL [for personalization], STORE DATA and PUT KEY of the SP
     * domain to the card manager under the ISD session (PUT KEY there changes the ISD's keys; this
     * SE refused the INSTALL, 6985). Now the domain is personalized through a session with itself
     * and its keys go from the creation copy to the transfer set to the SP-TSM's own (REQ PRE-7,
     * STD-1, CRY-3): AppletPreparation as written, then the steps out of order the SE refuses.
     */
    @Test
    void theSpDomainIsPersonalizedThroughItselfAndTakenOverByTheSpTsm() {
        assertEquals(List.of(OK, OK, OK, OK, PROBED), run("FirstUse[prepared]",
                "ScpSession(phone1, HandOverKeys).unprotectedCommand",
                "SecureElement(phone1).initializeUpdate", "SecureElement(phone1).externalAuthenticate(ok=true)",
                "ScpSession(phone1, IssuerKeys).close",
                // a PUT KEY with no session with the domain: refused by both
                "SecureElement(phone1).putKey"));
    }

    /**
     * Former F2: the spec deleted the SP domain with the JPKI instance in it (DELETE with related
     * objects); GP and this SE delete a security domain only once nothing is associated with it
     * (6985). Now the model refuses it too (probed: the SE refuses), and the SEI-TSM deletes the
     * instance first (REQ LIFE-10, STD-1).
     */
    @Test
    void theSpDomainIsDeletedOnlyAfterItsApplet() {
        assertEquals(List.of(OK, OK, PROBED, OK, OK), run("FirstUse[prepared]",
                "SecureElement(phone1).initializeUpdate", "SecureElement(phone1).externalAuthenticate(ok=true)",
                "SecureElement(phone1).delete(obj=SpDomainObject)",
                "SecureElement(phone1).delete(obj=JpkiInstance)",
                "SecureElement(phone1).delete(obj=SpDomainObject)"));
    }

    /**
     * Former F3: a block before the last one of a CA certificate the applet already held starts
     * the EF over, and the end-entity certificate is then refused (6985); the model kept caStored.
     * Now the model restarts the CA certificate too (KeySlot.restartCa): the end-entity
     * certificate is refused by both (probed) until the CA certificate is complete again (REQ PRE-2).
     */
    @Test
    void aBlockOfACompleteCaCertificateStartsItOver() {
        assertEquals(List.of(OK, OK, OK, OK, OK, PROBED, OK, OK), run("FirstUse[certified]",
                "Omapi(phone1).openChannel", "JpkiApplet(phone1).initializeUpdate",
                "JpkiApplet(phone1).externalAuthenticate(ok=true)", "JpkiApplet(phone1).storeCert(file=AuthCaFile, last=true)",
                "JpkiApplet(phone1).storeCert(file=AuthCaFile, last=false)",
                "JpkiApplet(phone1).storeCert(file=AuthCertFile, last=true)",
                "JpkiApplet(phone1).storeCert(file=AuthCaFile, last=true)",
                "JpkiApplet(phone1).storeCert(file=AuthCertFile, last=true)"));
    }

    /**
     * Former F4 (JPKI service, found by long full-system chains, seed 2 of 120-step chains from
     * FirstUse): person1's authentication certificate on phone1 revoked (deletion owed), person1's
     * card signature certificate revoked, person2 applies on phone1 and registers the app's token.
     * Both holders' rows carry the same app instance's token; the notice went once per row, the
     * app's second acknowledgement was refused and {@code pushDeletion} failed ("no pending
     * deletion") with the deletion Pending. Now one notice per token: Delivered, as the model says
     * (REQ LIFE-8, LIFE-13; tsm-reference DeletionTest has the service's own case).
     */
    @Test
    void aPendingDeletionIsDeliveredAfterAnotherPersonAppliedOnThePhone() {
        String[] steps = {"CardCert(person2, Sign).issueCard", "PhoneCert(person1, phone1, Auth).revoke",
            "CardCert(person1, Sign).revoke", "PhoneCert(person2, phone1, Sign).apply", "PushToken(person2, phone1).register",
            "Deletion(phone1, Auth).push(delivered=true)", "Deletion(phone1, Sign).push(delivered=true)"};
        Model model = SystemSpec.model();
        List<Action> chain = new ArrayList<>(BiteTest.start(model, "FirstUse"));
        for (String s : steps) {
            chain.add(ModelText.parseAction(model, s));
        }
        try (JcardsimSystem impl = new JcardsimSystem()) {
            Replay.Result r = Replay.run(new Execution(model, impl, Checks.all(model.info()), null), chain);
            assertEquals(Execution.Status.OK, r.status(), () -> "" + r.violation());
            assertEquals(chain.size(), r.step());
        }
    }

    /**
     * Former F5 (the JPKI app, found by long full-system chains from FirstUse with seed
     * 987654321): the app reinstalled, the user enrols her fingerprint, then the SEI-TSM deletes
     * the JPKI instance. The model's biometric unlock releases nothing (no PIN is Set); the app
     * threw on READ STATUS's 6A82. Now it answers NO_APPLET and drops the sealed PIN (REQ UX-2,
     * LIFE-10; phone JpkiAppTest has the app's own case).
     */
    @Test
    void aFingerprintAfterTheAppletWasDeletedReleasesNothing() {
        assertEquals(List.of(OK, OK, OK, OK, OK, OK, OK), run("FirstUse",
                "SecureElement(phone1).initializeUpdate", "Handset(phone1).uninstallApp",
                "AccessRules(phone1).externalAuthenticate(ok=true)", "Handset(phone1).installApp",
                "Handset(phone1).enrollBiometric", "SecureElement(phone1).delete(obj=JpkiInstance)",
                "Handset(phone1).biometricUnlock(key=Auth)"));
    }

    /**
     * Former F6 (the JPKI service and the spec, found by long full-system chains from FirstUse
     * with seed 987654321 once F5 was fixed): person1's certificates on phone1 revoked and her new
     * applications abandoned, person2 applies there and registers the app's token, then the push
     * service rotates the token it gave person1's registration. The model kept person2's
     * registration and took the owed deletion as delivered; the registry kept it too, but the
     * gateway had rotated the one token of the app instance, so the push failed. A push token is
     * the app instance's: rotating it ends every holder's registration on the phone, in the spec
     * and in the service; the deletion waits (holder warned) until the app registers the new token
     * (REQ LIFE-8, LIFE-13; tsm-reference DeletionTest has the service's own case).
     */
    @Test
    void aRotatedTokenEndsEveryRegistrationOfTheAppInstance() {
        assertEquals(List.of(OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK), run("FirstUse",
                "PhoneCert(person1, phone1, Sign).revoke", "PhoneCert(person1, phone1, Sign).apply",
                "PhoneCert(person1, phone1, Auth).revokeByCallCentre", "CardCert(person2, Sign).issueCard",
                "CardCert(person2, Auth).issueCard", "PhoneCert(person1, phone1, Auth).apply",
                "PhoneCert(person1, phone1, Sign).abandon", "PhoneCert(person1, phone1, Auth).abandon",
                "PhoneCert(person2, phone1, Auth).apply", "PushToken(person2, phone1).register",
                "PushToken(person1, phone1).rotate", "Deletion(phone1, Auth).push(delivered=true)",
                "PushToken(person2, phone1).register", "Deletion(phone1, Auth).push(delivered=true)"));
    }
}
