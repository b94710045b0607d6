package dev.inkan.tsm.jpki;

/**
 * A key slot of a phone's applet as the SP-TSM last left it (spec/applet.jsm {@code KeySlot}, seen
 * from the script results); {@link #specName()} is the spec's spelling.
 */
public enum KeySlotState {
    EMPTY("Empty"), GENERATED("Generated"), CERTIFIED("Certified"), LOCKED("Locked");

    private final String specName;

    KeySlotState(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
