package dev.inkan.se.gp;

import dev.inkan.se.scp03.CardKeySet;
import dev.inkan.se.scp03.CardKeys;
import dev.inkan.se.util.Aid;
import java.util.ArrayList;
import java.util.List;

/**
 * What a security domain keeps besides its registry entry: SCP03 key sets with their sequence
 * counters, key diversification data, the minimum security level of its secure channel, and the
 * IIN and CIN personalised with STORE DATA (GP 2.3 section 7 and 11.11).
 */
public final class SdData implements CardKeys {
    /** Key sets an SD can hold. */
    public static final int MAX_KEY_SETS = 8;

    private final Aid aid;
    private final List<CardKeySet> keySets = new ArrayList<>();
    private byte[] kdd;
    private int minimumSecurityLevel;
    private byte[] iin = new byte[0];
    private byte[] cin = new byte[0];
    private Runnable onChange = () -> { };

    public SdData(Aid aid, byte[] kdd, int minimumSecurityLevel) {
        if (kdd.length != 10) {
            throw new IllegalArgumentException("key diversification data is 10 bytes");
        }
        this.aid = aid;
        this.kdd = kdd.clone();
        this.minimumSecurityLevel = minimumSecurityLevel;
    }

    void onChange(Runnable listener) {
        this.onChange = listener;
    }

    public Aid aid() {
        return aid;
    }

    public List<CardKeySet> keySets() {
        return List.copyOf(keySets);
    }

    public void addKeySet(CardKeySet ks) {
        if (find(ks.kvn()) != null) {
            throw new IllegalArgumentException("key version " + ks.kvn() + " exists");
        }
        keySets.add(ks);
        onChange.run();
    }

    /** Replaces the key set {@code oldKvn} by {@code ks}, keeping its position. */
    void replaceKeySet(int oldKvn, CardKeySet ks) {
        for (int i = 0; i < keySets.size(); i++) {
            if (keySets.get(i).kvn() == oldKvn) {
                keySets.set(i, ks);
                onChange.run();
                return;
            }
        }
        throw new IllegalArgumentException("no key version " + oldKvn);
    }

    void removeKeySet(int kvn) {
        keySets.removeIf(k -> k.kvn() == kvn);
        onChange.run();
    }

    @Override
    public CardKeySet find(int kvn) {
        if (kvn == 0) {
            return keySets.isEmpty() ? null : keySets.get(0);
        }
        for (CardKeySet k : keySets) {
            if (k.kvn() == kvn) {
                return k;
            }
        }
        return null;
    }

    @Override
    public byte[] sdAid() {
        return aid.bytes();
    }

    @Override
    public byte[] keyDiversificationData() {
        return kdd.clone();
    }

    @Override
    public int minimumSecurityLevel() {
        return minimumSecurityLevel;
    }

    @Override
    public void counterAdvanced(CardKeySet keySet) {
        onChange.run();
    }

    public byte[] iin() {
        return iin.clone();
    }

    public byte[] cin() {
        return cin.clone();
    }

    public void iin(byte[] value) {
        iin = value.clone();
        onChange.run();
    }

    public void cin(byte[] value) {
        cin = value.clone();
        onChange.run();
    }
}
