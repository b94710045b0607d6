package dev.inkan.se.gp;

import dev.inkan.se.util.Aid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GP registry (GP Card Spec 2.3 section 6.5): card life cycle state and the entries in
 * installation order (which is also the order of partial selection and GET STATUS).
 */
public final class Registry {
    private final Map<Aid, RegistryEntry> entries = new LinkedHashMap<>();
    private Aid isd;
    private int cardLifeCycle = LifeCycle.CARD_SECURED;
    private Runnable onChange = () -> { };

    void onChange(Runnable listener) {
        this.onChange = listener;
        for (RegistryEntry e : entries.values()) {
            if (e.sd() != null) {
                e.sd().onChange(listener);
            }
        }
    }

    void changed() {
        onChange.run();
    }

    public int cardLifeCycle() {
        return cardLifeCycle;
    }

    public void cardLifeCycle(int state) {
        if (!LifeCycle.isCardState(state)) {
            throw new IllegalArgumentException("not a card life cycle state: " + Integer.toHexString(state));
        }
        cardLifeCycle = state;
        onChange.run();
    }

    /** The issuer security domain entry. */
    public RegistryEntry isd() {
        return isd == null ? null : entries.get(isd);
    }

    public boolean isIsd(Aid aid) {
        return aid != null && aid.equals(isd);
    }

    /** Adds an entry; the first security domain with the ISD flag becomes the ISD. */
    public void add(RegistryEntry entry, boolean isIsd) {
        if (entries.containsKey(entry.aid())) {
            throw new IllegalArgumentException("AID already registered: " + entry.aid());
        }
        entries.put(entry.aid(), entry);
        if (isIsd) {
            isd = entry.aid();
        }
        if (entry.sd() != null) {
            entry.sd().onChange(onChange);
        }
        onChange.run();
    }

    public void remove(Aid aid) {
        if (entries.remove(aid) != null) {
            onChange.run();
        }
    }

    public RegistryEntry get(Aid aid) {
        return aid == null ? null : entries.get(aid);
    }

    /** Entries in installation order. */
    public List<RegistryEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** Instances created from {@code loadFile}. */
    public List<RegistryEntry> instancesOf(Aid loadFile) {
        List<RegistryEntry> out = new ArrayList<>();
        for (RegistryEntry e : entries.values()) {
            if (e.isInstance() && loadFile.equals(e.loadFileAid())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Entries associated with security domain {@code sd} (not counting the SD itself). */
    public List<RegistryEntry> associatedWith(Aid sd) {
        List<RegistryEntry> out = new ArrayList<>();
        for (RegistryEntry e : entries.values()) {
            if (!e.aid().equals(sd) && sd.equals(e.associatedSd())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The load file containing {@code module}, or null. */
    public RegistryEntry loadFileOfModule(Aid module) {
        for (RegistryEntry e : entries.values()) {
            if (e.isLoadFile() && e.modules().contains(module)) {
                return e;
            }
        }
        return null;
    }
}
