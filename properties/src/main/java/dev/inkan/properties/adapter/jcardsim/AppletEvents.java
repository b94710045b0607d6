package dev.inkan.properties.adapter.jcardsim;

import static dev.inkan.properties.adapter.jcardsim.Values.*;

import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.properties.adapter.Implementation.Response;
import dev.inkan.runtime.model.Action;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.scp03.HostWrapper;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.tsm.script.PolicyRefusal;
import dev.inkan.tsm.script.ScriptRunner;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;

/**
 * The JPKI applet's commands (JpkiApplet), sent the way their actors send them: the user's and a
 * terminal's over the app's OMAPI channel or the contactless face, the SP-TSM's wrapped in its
 * SCP03 session with the SP domain through the app's channel (LOCK KEY through
 * {@code tsm-reference}'s {@code SpTsm}, whose policy is the one tested). Every key and signature
 * is the applet's; what the host side learns (PINs, public keys, certificate blocks) goes to the
 * phone's memo.
 */
final class AppletEvents {
    private final Rig rig;
    private final ModelView view;
    private final Values values;

    AppletEvents(Rig rig) {
        this.rig = rig;
        this.view = rig.view;
        this.values = rig.values;
    }

    Response applet(String event, int ph, Action a, byte[] after) throws IOException {
        PhoneSe phone = rig.phones[ph];
        rig.appletDirty[ph] = true;
        switch (event) {
            case "selectAp":
                if (phone.channel != null) {
                    // over the app's channel a SELECT by name is not allowed: the app selects afresh by reopening
                    phone.closeChannel();
                    phone.openChannel();
                    return Response.OK;
                }
                phone.nfcSelected = false;
                return expect(phone.user(JpkiApCommands.selectAp().apdu()), "SELECT AP");
            case "selectFile":
                return expect(phone.user(JpkiApCommands.selectEf(fid(values.efFid(a.arg(0)))).apdu()), "SELECT EF");
            case "readBinary": {
                int sw = selectEf(phone, values.efFid(a.arg(0)));
                if (sw != 0x9000) {
                    return Response.refused("SELECT EF: " + hex(sw));
                }
                return expect(phone.user(new byte[] {0x00, (byte) 0xB0, 0x00, 0x00, 0x04}), "READ BINARY");
            }
            case "readStatus":
                return expect(phone.user(JpkiApCommands.readStatus().apdu()), "READ STATUS");
            case "verify":
                return verify(phone, ph, a.arg(0), a.arg(1), after);
            case "changePin": {
                int t = a.arg(0);
                selectEf(phone, values.pinFid(t));
                String next = values.nextPin(phone, t, true);
                Response r = expect(phone.user(JpkiApCommands.changeReferenceData(ascii(next)).apdu()),
                        "CHANGE REFERENCE DATA");
                if (r.accepted()) {
                    phone.memo.pin[t] = next;
                    if (phone.memo.vault != null) {
                        // the PIN changed in the app: an enrolled one is sealed again (UX-2)
                        rig.app(ph).pinChanged(values.type(t), next);
                    }
                }
                return r;
            }
            case "sign":
                return sign(phone, ph, a.arg(0));
            case "initializeUpdate": {
                phone.sp = null;
                Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
                int sw = PhoneSe.initializeUpdate(phone.channelTransport(), phone.spKeys(), h);
                phone.spPending = h[0];
                return sw == 0x9000 ? Response.OK : Response.refused("INITIALIZE UPDATE: " + hex(sw));
            }
            case "externalAuthenticate": {
                if (phone.spPending == null) {
                    return Response.refused("no INITIALIZE UPDATE before");
                }
                boolean ok = a.arg(0) != 0;
                int sw = PhoneSe.externalAuthenticate(phone.channelTransport(), phone.spPending, ok);
                phone.sp = ok && sw == 0x9000 ? phone.spPending.wrapper() : null;
                phone.spPending = null;
                return (ok ? sw == 0x9000 : sw == 0x6300) ? Response.OK
                        : Response.refused("EXTERNAL AUTHENTICATE (" + ok + "): " + hex(sw));
            }
            case "generateKey": {
                int t = a.arg(0);
                Response r = sp(phone, JpkiApCommands.generateKey(values.type(t)).apdu(), "GENERATE KEY");
                if (!r.accepted()) {
                    return r;
                }
                // the SP-TSM reads the new public key in the same session, for the CA
                phone.memo.publicKey[t] = readPublicKey(phone, t);
                phone.memo.endEntity[t] = null;
                forgetFiles(phone.memo, t);
                return r;
            }
            case "readPublicKey": {
                int t = a.arg(0);
                RSAPublicKey k = readPublicKey(phone, t);
                return k != null && k.equals(phone.memo.publicKey[t]) ? Response.OK
                        : Response.refused("READ PUBLIC KEY gave another key than GENERATE KEY's");
            }
            case "storeCert":
                return storeCert(phone, a.arg(0), a.arg(1) != 0);
            case "setTempPin": {
                int t = a.arg(0);
                String temp = values.tempPin(t);
                Response r = sp(phone, JpkiApCommands.setTempPin(values.type(t), ascii(temp)).apdu(), "SET TEMPORARY PIN");
                if (r.accepted()) {
                    phone.memo.pin[t] = temp;
                }
                return r;
            }
            case "lockKey": {
                if (phone.sp == null) {
                    return Response.refused("LOCK KEY: no SP session on the host side");
                }
                HostWrapper sp = phone.sp;
                return lockKey(apdu -> PhoneSe.wrapped(phone.channelTransport(), sp, apdu), ph, a.arg(0));
            }
            case "wipeKey": {
                int t = a.arg(0);
                Response r = sp(phone, JpkiApCommands.wipeKey(values.type(t)).apdu(), "WIPE KEY");
                if (r.accepted()) {
                    phone.memo.pin[t] = null;
                    phone.memo.publicKey[t] = null;
                    phone.memo.endEntity[t] = null;
                    forgetFiles(phone.memo, t);
                }
                return r;
            }
            default:
                return Response.refused("no mapping for JpkiApplet." + event);
        }
    }

    private Response verify(PhoneSe phone, int ph, int t, int entry, byte[] after) throws IOException {
        List<String> entries = view.info.event("JpkiApplet", "verify").params().get(1).type().names();
        String kind = entries.get(entry);
        int sel = selectEf(phone, values.pinFid(t));
        if (sel != 0x9000) {
            return Response.refused("SELECT EF PIN: " + hex(sel));
        }
        byte[] value = switch (kind) {
            case "NoEntry" -> null;
            case "Correct" -> ascii(phone.memo.pin[t] == null ? (t == view.auth ? "1111" : "UNSET1") : phone.memo.pin[t]);
            default -> ascii(values.wrongPin(phone, t));
        };
        int sw = Sw.of(phone.user(JpkiApCommands.verify(value).apdu()));
        String pinAfter = view.pin(after, ph, t);
        boolean ok = switch (kind) {
            case "NoEntry" -> (sw & 0xFFF0) == 0x63C0;
            case "Correct" -> pinAfter.equals("Unset") ? sw == 0x6984 : pinAfter.equals("Blocked") ? sw == 0x6983
                    : sw == 0x9000;
            default -> pinAfter.equals("Unset") ? sw == 0x6984 : (sw & 0xFFF0) == 0x63C0 || sw == 0x6983;
        };
        return ok ? Response.OK : Response.refused("VERIFY " + kind + " of a PIN the model has " + pinAfter + ": "
                + hex(sw));
    }

    private Response sign(PhoneSe phone, int ph, int t) throws IOException {
        int sel = selectEf(phone, values.keyFid(t));
        if (sel != 0x9000) {
            return Response.refused("SELECT EF key: " + hex(sel));
        }
        byte[] digestInfo = digestInfo();
        byte[] r = phone.user(JpkiApCommands.computeDigitalSignature(digestInfo).apdu());
        if (Sw.of(r) != 0x9000) {
            return Response.refused("COMPUTE DIGITAL SIGNATURE: " + hex(Sw.of(r)));
        }
        try {
            Signature v = Signature.getInstance("NONEwithRSA");
            v.initVerify(phone.memo.publicKey[t]);
            v.update(digestInfo);
            if (!v.verify(Sw.data(r))) {
                return Response.refused("the signature does not verify with the slot's public key");
            }
            if (phone.memo.endEntity[t] != null) {
                // handed to a relying party with the slot's certificate (Signature.accept / reject)
                rig.registry.signed(ph, t, SIGNED_TEXT, Sw.data(r), phone.memo.endEntity[t]);
            }
            return Response.OK;
        } catch (GeneralSecurityException e) {
            return Response.refused("signature check: " + e);
        }
    }

    Response storeCert(PhoneSe phone, int f, boolean last) throws IOException {
        PhoneSe.Memo m = phone.memo;
        byte[] der = derFor(phone, f);
        int block = m.nextBlock[f];
        if (m.blockSource[f] != null && !java.util.Arrays.equals(m.blockSource[f], der)) {
            // the blocks sent so far were of another certificate (before the CA issued this one): over from block 0
            block = 0;
        }
        int blocks = (der.length + ScriptRunner.BLOCK - 1) / ScriptRunner.BLOCK;
        if (!last && block >= blocks - 1) {
            // no block before the last one left: the SP-TSM sends the certificate over from block 0
            block = 0;
        }
        if (!last) {
            // a full block (zero-filled past the end of a certificate shorter than one block)
            byte[] chunk = java.util.Arrays.copyOfRange(der, block * ScriptRunner.BLOCK, (block + 1) * ScriptRunner.BLOCK);
            Response r = sp(phone, JpkiApCommands.storeCert(values.file(f), block, chunk).apdu(), "STORE CERTIFICATE");
            if (r.accepted()) {
                m.nextBlock[f] = block + 1;
                m.blockSource[f] = der;
                m.complete[f] = false;
            }
            return r;
        }
        for (int b = block; b < blocks; b++) {
            int from = b * ScriptRunner.BLOCK;
            byte[] chunk = java.util.Arrays.copyOfRange(der, from, Math.min(der.length, from + ScriptRunner.BLOCK));
            boolean end = b == blocks - 1;
            Response r = sp(phone, JpkiApCommands.storeCert(values.file(f), b | (end ? 0x80 : 0), chunk).apdu(),
                    "STORE CERTIFICATE block " + b);
            if (!r.accepted()) {
                return r;
            }
        }
        m.nextBlock[f] = 0;
        m.blockSource[f] = null;
        m.complete[f] = true;
        return Response.OK;
    }

    /** GENERATE KEY and WIPE KEY erase both certificate EFs of the slot. */
    private void forgetFiles(PhoneSe.Memo m, int t) {
        for (boolean ca : new boolean[] {true, false}) {
            int f = values.fileIndex(t, ca);
            m.nextBlock[f] = 0;
            m.blockSource[f] = null;
            m.complete[f] = false;
        }
    }

    /** The certificate a STORE CERTIFICATE of EF {@code f} carries: the CA's, or the slot's own once issued. */
    private byte[] derFor(PhoneSe phone, int f) {
        int t = values.certOf(f);
        if (!values.isEndEntity(f) || phone.memo.endEntity[t] == null) {
            // blocks of an end-entity certificate not issued yet: any DER of that size class goes
            return Environment.get().caDer.get(t);
        }
        return phone.memo.endEntity[t];
    }

    private Response sp(PhoneSe phone, byte[] cmd, String what) throws IOException {
        if (phone.sp == null) {
            return Response.refused(what + ": no SP session on the host side");
        }
        int sw = Sw.of(PhoneSe.wrapped(phone.channelTransport(), phone.sp, cmd));
        return sw == 0x9000 ? Response.OK : Response.refused(what + ": " + hex(sw));
    }

    private RSAPublicKey readPublicKey(PhoneSe phone, int t) throws IOException {
        java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
        for (int block = 0; block < 3; block++) {
            byte[] r = PhoneSe.wrapped(phone.channelTransport(), phone.sp, JpkiApCommands.readPublicKey(block, values.type(t)).apdu());
            if (Sw.of(r) != 0x9000) {
                return null;
            }
            der.writeBytes(Sw.data(r));
        }
        try {
            PublicKey k = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der.toByteArray()));
            return (RSAPublicKey) k;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** LOCK KEY through the SP-TSM ({@code SpTsm.lockKey}): its policy first, then the command in {@code session}. */
    Response lockKey(dev.inkan.se.transport.Transport session, int ph, int t) throws IOException {
        try {
            rig.registry.spTsm().lockKey(session, Registry.handset(ph), values.type(t));
            return Response.OK;
        } catch (PolicyRefusal e) {
            return Response.refused("the SP-TSM's policy: " + e.getMessage());
        } catch (dev.inkan.se.apdu.StatusWordException e) {
            return Response.refused("LOCK KEY: " + hex(e.sw()));
        }
    }

    /** An issuance command the applet must refuse: wrapped in the open session, or plain without one. */
    int issuanceProbe(PhoneSe phone, String event, Action a, byte[] s, int ph) throws IOException {
        if (event.equals("storeCert") && a.arg(1) != 0 && phone.sp != null && phone.channel != null
                && view.session(s, ph, view.spKeys).equals("Open")) {
            // the blocks before the last go as usual (the model buffers them); the last one is the probe
            return storeCert(phone, a.arg(0), true).accepted() ? 0x9000 : 0x6985;
        }
        boolean open = phone.sp != null && phone.channel != null && view.session(s, ph, view.spKeys).equals("Open");
        // a session of a channel the app closed must not serve the reopened one (SpSessionOnlyThroughTheApp): tried
        // only while the model has no SP session at all, so that no handshake under way is disturbed
        boolean stale = !open && phone.staleSp != null && phone.channel != null && phone.spPending == null
                && view.session(s, ph, view.spKeys).equals("Closed");
        dev.inkan.se.transport.Transport via = open ? apdu -> PhoneSe.wrapped(phone.channelTransport(), phone.sp, apdu)
                : stale ? apdu -> PhoneSe.wrapped(phone.channelTransport(), phone.staleSp, apdu) : phone::user;
        if (event.equals("lockKey")) {
            Response r = lockKey(via, ph, a.arg(0));
            return r.accepted() ? 0x9000 : 0x6985;
        }
        byte[] cmd = switch (event) {
            case "generateKey" -> JpkiApCommands.generateKey(values.type(a.arg(0))).apdu();
            case "readPublicKey" -> JpkiApCommands.readPublicKey(0, values.type(a.arg(0))).apdu();
            case "storeCert" -> {
                int f = a.arg(0);
                boolean last = a.arg(1) != 0;
                byte[] der = derFor(phone, f);
                int block = phone.memo.nextBlock[f];
                int from = Math.min(block * ScriptRunner.BLOCK, der.length - 1);
                int n = Math.min(ScriptRunner.BLOCK, der.length - from);
                byte[] chunk = java.util.Arrays.copyOfRange(der, from, from + n);
                yield JpkiApCommands.storeCert(values.file(f), block | (last ? 0x80 : 0), chunk).apdu();
            }
            case "setTempPin" -> JpkiApCommands.setTempPin(values.type(a.arg(0)), ascii(values.tempPin(a.arg(0)))).apdu();
            default -> JpkiApCommands.wipeKey(values.type(a.arg(0))).apdu();
        };
        return Sw.of(via.transmit(cmd));
    }
}
