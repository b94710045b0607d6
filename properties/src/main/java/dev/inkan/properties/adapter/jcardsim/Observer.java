package dev.inkan.properties.adapter.jcardsim;

import static dev.inkan.properties.adapter.jcardsim.Values.*;

import dev.inkan.generated.scripts.CertType;
import dev.inkan.generated.scripts.JpkiApCommands;
import dev.inkan.phone.app.biometric.BiometricVault;
import dev.inkan.properties.model.ModelText;
import dev.inkan.se.apdu.Sw;
import dev.inkan.se.ara.AccessRule;
import dev.inkan.se.gp.GpCommands;
import dev.inkan.se.scp03.Scp03Host;
import dev.inkan.se.scp03.StaticKeys;
import dev.inkan.se.tlv.Tlv;
import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The implementation's state as the model's facts: each phone the last steps talked to is read
 * (READ STATUS, an empty VERIFY per PIN, READ BINARY of the CA certificates; GET STATUS with the
 * ISD keys, which key set opens the SP domain, the ARA-M's rules), each on a channel or face that
 * leaves the sessions under test alone; the registry's facts the step changed in the model.
 */
final class Observer {
    /** {@code -Dinkan.jcardsim.fullRegistryReads=true}: every registry fact read after every step, not only those the step changed in the model. */
    static final boolean FULL_REGISTRY_READS = Boolean.getBoolean("inkan.jcardsim.fullRegistryReads");

    private final Rig rig;
    private final ModelView view;
    private final Values values;
    /** The facts as last observed (kept between steps: only what may have changed is read again). */
    final Map<String, String> facts = new LinkedHashMap<>();
    /** The model's states around the last step, for the registry's facts; null once read. */
    byte[] stepBefore;
    byte[] stepAfter;

    Observer(Rig rig) {
        this.rig = rig;
        this.view = rig.view;
        this.values = rig.values;
    }

    Map<String, String> observe() {
        if (stepBefore != null) {
            rig.registry.observe(facts, stepBefore, stepAfter, FULL_REGISTRY_READS);
            stepBefore = null;
        }
        for (int ph = 0; ph < rig.phones.length; ph++) {
            observeApp(ph);
            try {
                if (rig.contentDirty[ph]) {
                    observeContent(ph);
                    rig.contentDirty[ph] = false;
                }
                if (rig.appletDirty[ph]) {
                    observeApplet(ph);
                    rig.appletDirty[ph] = false;
                }
            } catch (IOException e) {
                facts.put("JpkiApplet(" + phoneName(ph) + ")", "unreadable: " + e);
            }
        }
        return facts;
    }

    private String phoneName(int ph) {
        String n = ModelText.instance(view.model, view.jpki, view.model.instanceOf(view.jpki, ph));
        return n.substring(n.indexOf('(') + 1, n.length() - 1);
    }

    private String name(int machine, int... params) {
        return ModelText.instance(view.model, machine, view.model.instanceOf(machine, params));
    }

    /** The JPKI app: installed (its data exists) and enrolled for biometric unlock (its vault seals the authentication PIN). */
    private void observeApp(int ph) {
        BiometricVault vault = rig.phones[ph].memo.vault;
        String handset = name(view.handset, ph);
        facts.put(handset, vault != null ? "AppInstalled" : "NoApp");
        facts.put(handset + ".biometric", Boolean.toString(vault != null && vault.holds(CertType.AUTH)));
    }

    /** Applet state, key slots, PINs and their tries, CA certificates: READ STATUS, empty VERIFY, READ BINARY. */
    private void observeApplet(int ph) throws IOException {
        PhoneSe phone = rig.phones[ph];
        byte[] r = phone.user(JpkiApCommands.readStatus().apdu());
        List<String> appletStates = view.info.machines().get(view.jpki).states();
        List<String> slotStates = view.info.machines().get(view.keySlot).states();
        List<String> pinStates = view.info.machines().get(view.pin).states();
        String jpki = name(view.jpki, ph);
        if (Sw.of(r) == 0x6A82 || Sw.of(r) == 0x6999) {
            facts.put(jpki, "Absent");
            for (int t = 0; t < 2; t++) {
                facts.put(name(view.keySlot, ph, t), "Empty");
                facts.put(name(view.pin, ph, t), "Unset");
                facts.put(name(view.pin, ph, t) + ".tries", "0");
                facts.put(name(view.keySlot, ph, t) + ".caStored", "false");
            }
            return;
        }
        if (Sw.of(r) != 0x9000 || Sw.data(r).length != 5) {
            facts.put(jpki, "READ STATUS answered " + Hex.encode(r));
            return;
        }
        byte[] st = Sw.data(r);
        facts.put(jpki, at(appletStates, st[0]));
        int[] slotByte = {1, 3};
        int[] pinByte = {2, 4};
        for (int t = 0; t < 2; t++) {
            int code = t == view.auth ? 0 : 1;
            facts.put(name(view.keySlot, ph, t), at(slotStates, st[slotByte[code]]));
            facts.put(name(view.pin, ph, t), at(pinStates, st[pinByte[code]]));
            selectEf(phone, values.pinFid(t));
            int sw = Sw.of(phone.user(JpkiApCommands.verify(null).apdu()));
            facts.put(name(view.pin, ph, t) + ".tries", (sw & 0xFFF0) == 0x63C0 ? Integer.toString(sw & 0x0F)
                    : "VERIFY answered " + hex(sw));
            // the CA certificate reads only once the slot is certified (6985 before): unobservable while Generated
            String caFact = name(view.keySlot, ph, t) + ".caStored";
            if (st[slotByte[code]] == 1) {
                facts.remove(caFact);
            } else {
                selectEf(phone, t == view.auth ? JpkiApCommands.FID_AUTH_CA_CERT : JpkiApCommands.FID_SIGN_CA_CERT);
                int ca = Sw.of(phone.user(new byte[] {0x00, (byte) 0xB0, 0x00, 0x00, 0x04}));
                facts.put(caFact, Boolean.toString(ca == 0x9000));
            }
        }
    }

    /**
     * The SP domain's life cycle and the JPKI instance (GET STATUS with the ISD keys), whether the
     * SP-TSM's keys open the SP domain, and the JPKI rule in the ARA-M (GET DATA) - on logical
     * channels of their own, so the basic channel's session is untouched.
     */
    private void observeContent(int ph) throws IOException {
        PhoneSe phone = rig.phones[ph];
        List<byte[]> entries = phone.onSpareChannel(PhoneSe.ISD, (t, sel) -> {
            Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
            if (PhoneSe.initializeUpdate(t, PhoneSe.ISD_KEYS, h) != 0x9000
                    || PhoneSe.externalAuthenticate(t, h[0], true) != 0x9000) {
                return null;
            }
            byte[] r = PhoneSe.wrapped(t, h[0].wrapper(), GpCommands.getStatus(0x40, new byte[0], false));
            List<byte[]> out = new ArrayList<>();
            if (Sw.of(r) != 0x9000 && Sw.of(r) != 0x6310) {
                return out;
            }
            try {
                for (Tlv e3 : Tlv.parseAll(Sw.data(r), 0, Sw.data(r).length)) {
                    out.add(e3.encode());
                }
            } catch (dev.inkan.se.tlv.TlvException e) {
                return null;
            }
            return out;
        });
        String se = name(view.secureElement, ph);
        if (entries == null) {
            facts.put(se, "GET STATUS failed");
            return;
        }
        Integer sdLifeCycle = null;
        for (byte[] e : entries) {
            try {
                Tlv e3 = Tlv.parseSingle(e);
                byte[] aid = null;
                Integer lc = null;
                for (Tlv x : e3.children()) {
                    if (x.tag() == 0x4F) {
                        aid = x.value();
                    } else if (x.tag() == 0x9F70) {
                        lc = x.value()[0] & 0xFF;
                    }
                }
                if (aid != null && java.util.Arrays.equals(aid, PhoneSe.SP_SD.bytes())) {
                    sdLifeCycle = lc;
                }
            } catch (dev.inkan.se.tlv.TlvException ex) {
                facts.put(se, "GET STATUS entry unreadable");
            }
        }
        facts.put(se, sdLifeCycle == null ? "NoSpDomain" : (sdLifeCycle & 0x0F) == 0x0F ? "SpDomainPersonalized"
                : "SpDomainInstalled");
        facts.put(se + ".spKeys", sdLifeCycle == null ? "CreationKeys" : spDomainKeys(phone));

        List<AccessRule> rules = IssuerEvents.rules(phone);
        boolean jpkiRule = rules != null && rules.stream().anyMatch(x -> x.aid() != null
                && java.util.Arrays.equals(x.aid(), PhoneSe.JPKI_AID.bytes()));
        facts.put(name(view.accessRules, ph), rules == null ? "ARA-M unreadable" : jpkiRule ? "RuleStored" : "NoRule");
    }

    /** Which key set opens the SP domain (INITIALIZE UPDATE on a logical channel, card cryptogram checked). */
    private static String spDomainKeys(PhoneSe phone) throws IOException {
        for (String holder : List.of("OwnKeys", "TransferKeys", "CreationKeys")) {
            StaticKeys keys = keysOf(holder, phone);
            boolean opens = phone.onSpareChannel(PhoneSe.SP_SD, (t, sel) -> {
                if (sel != 0x9000) {
                    return false;
                }
                try {
                    Scp03Host.Handshake[] h = new Scp03Host.Handshake[1];
                    return PhoneSe.initializeUpdate(t, keys, h) == 0x9000;
                } catch (SecurityException x) {
                    return false;
                }
            });
            if (opens) {
                return holder;
            }
        }
        return "no key set the TSMs know";
    }

    private static String at(List<String> states, byte code) {
        return code >= 0 && code < states.size() ? states.get(code) : "code " + code;
    }
}
