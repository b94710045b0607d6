package dev.inkan.tsm.jpki;

/** States of spec/handset.jsm {@code Deletion}; {@link #specName()} is the spec's spelling. */
public enum DeletionState {
    IDLE("Idle"), PENDING("Pending"), DELIVERED("Delivered");

    private final String specName;

    DeletionState(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }
}
