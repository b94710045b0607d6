package dev.inkan.properties.adapter.jcardsim;

import dev.inkan.runtime.model.Model;
import dev.inkan.runtime.model.ModelInfo;
import java.util.List;

/**
 * Reads the project spec's model by name: the states and variables of the machines the adapter
 * maps (JpkiApplet, KeySlot, Pin, Omapi, ScpSession, SecureElement, AccessRules, Handset,
 * PhoneCert, CardCert) for one phone, person or key type. Built once per model.
 */
final class ModelView {
    final Model model;
    final ModelInfo info;
    final int phones;
    final int persons;
    final int jpki;
    final int keySlot;
    final int pin;
    final int omapi;
    final int scp;
    final int secureElement;
    final int accessRules;
    final int handset;
    final int phoneCert;
    final int cardCert;
    /** CertType values: index of Auth and of Sign. */
    final int auth;
    final int sign;
    /** IntentOp values, by index (Handset.businessIntent's parameter). */
    final List<String> intentOps;
    /** KeySet values. */
    final int issuerKeys;
    final int spKeys;
    final int handOverKeys;

    ModelView(Model model) {
        this.model = model;
        this.info = model.info();
        int[] sizes = model.domainSizes();
        phones = sizes[info.domainIndex("Phone")];
        persons = sizes[info.domainIndex("Person")];
        jpki = info.machine("JpkiApplet").index();
        keySlot = info.machine("KeySlot").index();
        pin = info.machine("Pin").index();
        omapi = info.machine("Omapi").index();
        scp = info.machine("ScpSession").index();
        secureElement = info.machine("SecureElement").index();
        accessRules = info.machine("AccessRules").index();
        handset = info.machine("Handset").index();
        phoneCert = info.machine("PhoneCert").index();
        cardCert = info.machine("CardCert").index();
        List<String> types = info.machine("KeySlot").params().get(1).type().names();
        auth = types.indexOf("Auth");
        sign = types.indexOf("Sign");
        intentOps = info.events().stream().filter(e -> e.machine() == handset && e.name().equals("businessIntent"))
                .findFirst().orElseThrow(() -> new IllegalStateException("the model's Handset has no businessIntent"))
                .params().get(0).type().names();
        List<String> keySets = info.machine("ScpSession").params().get(1).type().names();
        issuerKeys = keySets.indexOf("IssuerKeys");
        spKeys = keySets.indexOf("SpKeys");
        handOverKeys = keySets.indexOf("HandOverKeys");
        if (auth < 0 || sign < 0 || issuerKeys < 0 || spKeys < 0 || handOverKeys < 0) {
            throw new IllegalStateException("the model's CertType or KeySet is not the project spec's");
        }
    }

    /** Whether a model is the project spec's (the machines this adapter maps exist). */
    static boolean supports(ModelInfo info) {
        for (String m : List.of("JpkiApplet", "KeySlot", "Pin", "Omapi", "ScpSession", "SecureElement", "AccessRules",
                "Handset", "PhoneCert", "CardCert")) {
            if (info.machines().stream().noneMatch(x -> x.name().equals(m))) {
                return false;
            }
        }
        return true;
    }

    String state(byte[] s, int machine, int... params) {
        int inst = model.instanceOf(machine, params);
        return info.machines().get(machine).states().get(model.machineState(s, machine, inst));
    }

    int var(byte[] s, int machine, String var, int... params) {
        ModelInfo.Machine m = info.machines().get(machine);
        int v = -1;
        for (int i = 0; i < m.vars().size(); i++) {
            if (m.vars().get(i).name().equals(var)) {
                v = i;
            }
        }
        if (v < 0) {
            throw new IllegalArgumentException("no variable " + m.name() + "." + var);
        }
        return model.machineVar(s, machine, model.instanceOf(machine, params), v);
    }

    boolean flag(byte[] s, int machine, String var, int... params) {
        return var(s, machine, var, params) != 0;
    }

    /** Whether some person's certificate of type {@code t} on phone {@code ph} is in one of {@code states}. */
    boolean anyPhoneCert(byte[] s, int ph, int t, String... states) {
        for (int p = 0; p < persons; p++) {
            String st = state(s, phoneCert, p, ph, t);
            for (String x : states) {
                if (x.equals(st)) {
                    return true;
                }
            }
        }
        return false;
    }

    String jpki(byte[] s, int ph) {
        return state(s, jpki, ph);
    }

    String slot(byte[] s, int ph, int t) {
        return state(s, keySlot, ph, t);
    }

    String pin(byte[] s, int ph, int t) {
        return state(s, pin, ph, t);
    }

    boolean omapiOpen(byte[] s, int ph) {
        return state(s, omapi, ph).equals("Open");
    }

    String session(byte[] s, int ph, int keySet) {
        return state(s, scp, ph, keySet);
    }

    /** The SecureElement's SpDomainKeys value: whose key set the SP domain holds. */
    String spDomainKeys(byte[] s, int ph) {
        ModelInfo.Machine m = info.machines().get(secureElement);
        int v = var(s, secureElement, "spKeys", ph);
        return m.vars().stream().filter(x -> x.name().equals("spKeys")).findFirst().orElseThrow().type().names().get(v);
    }

    boolean online(byte[] s, int ph) {
        return flag(s, handset, "online", ph);
    }
}
