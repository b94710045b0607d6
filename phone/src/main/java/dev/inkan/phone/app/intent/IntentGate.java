package dev.inkan.phone.app.intent;

import dev.inkan.generated.scripts.CertFile;
import dev.inkan.generated.scripts.CertType;
import dev.inkan.phone.app.AppFaults;
import dev.inkan.phone.app.AppletClient;
import dev.inkan.tsm.jpki.CardSignature;
import java.io.IOException;
import java.util.Optional;

/**
 * The JPKI app's intent API for business apps (ACC-2, SYS-8). Any app may ask (pattern 3 of 000:
 * no per-app whitelist, the user decides), but only for a use: sign data with the signature key,
 * answer a challenge with the authentication key, read a certificate. Issuance, PIN change or
 * reset, revocation and deletion are refused before the user is even asked, so a business app
 * can never talk a user into them. A use is served only after the user consents on the app's
 * own screen and, where the key needs it, types its PIN there.
 */
public final class IntentGate {
    private final AppletClient applet;
    private final AppFaults faults;

    public IntentGate(AppletClient applet, AppFaults faults) {
        this.applet = applet;
        this.faults = faults;
    }

    public IntentResult handle(BusinessIntent intent, UserPrompt user) {
        IntentOp op = intent.op();
        if (!op.isUse()) {
            if (!faults.has(AppFaults.Fault.SERVE_MANAGEMENT_INTENTS)) {
                return new IntentResult.Refused(IntentResult.Reason.NOT_A_USE, op + " is not served to business apps: "
                        + "only signing, authentication and reading a certificate are (ACC-2)");
            }
            // the fault: the app hands the request to its own management flow, the user's screen in between
            return user.consent(intent.callerPackage(), op, null).isPresent()
                    ? new IntentResult.Served(new byte[0]) : new IntentResult.Declined();
        }
        Optional<IntentResult> bad = malformed(intent);
        if (bad.isPresent()) {
            return bad.get();
        }
        CertType pinOf = pinOf(intent);
        Optional<String> pin = user.consent(intent.callerPackage(), op, pinOf);
        if (pin.isEmpty()) {
            return new IntentResult.Declined();
        }
        try {
            return new IntentResult.Served(switch (op) {
                case SIGN_DATA -> signed(CertType.SIGN, pin.get(), intent.data());
                case AUTHENTICATE -> signed(CertType.AUTH, pin.get(), intent.data());
                default -> {
                    if (pinOf != null) {
                        applet.verify(pinOf, pin.get());
                    }
                    yield applet.readCertificate(intent.certificate() == CertType.AUTH ? CertFile.AUTH_CERT_FILE
                            : CertFile.SIGN_CERT_FILE);
                }
            });
        } catch (AppletClient.AppletRefusal e) {
            return new IntentResult.Refused(IntentResult.Reason.APPLET_REFUSED, e.getMessage());
        } catch (IOException e) {
            return new IntentResult.Refused(IntentResult.Reason.APPLET_REFUSED, "the secure element: " + e.getMessage());
        }
    }

    /** Which PIN the operation needs: the signature password for signing and for the signature certificate (as on the card). */
    static CertType pinOf(BusinessIntent intent) {
        return switch (intent.op()) {
            case SIGN_DATA -> CertType.SIGN;
            case AUTHENTICATE -> CertType.AUTH;
            default -> intent.certificate() == CertType.SIGN ? CertType.SIGN : null;
        };
    }

    private static Optional<IntentResult> malformed(BusinessIntent intent) {
        String why = switch (intent.op()) {
            case SIGN_DATA -> intent.data().length == 0 ? "SIGN_DATA needs the data to sign" : null;
            case AUTHENTICATE -> intent.data().length == 0 || intent.data().length > 256
                    ? "AUTHENTICATE needs a challenge of 1 to 256 bytes" : null;
            default -> intent.certificate() == null ? "READ_CERTIFICATE needs the certificate (AUTH or SIGN)" : null;
        };
        return why == null ? Optional.empty()
                : Optional.of(new IntentResult.Refused(IntentResult.Reason.BAD_REQUEST, why));
    }

    private byte[] signed(CertType key, String pin, byte[] data) throws IOException {
        applet.verify(key, pin);
        return applet.sign(key, CardSignature.sha256DigestInfo(data));
    }
}
