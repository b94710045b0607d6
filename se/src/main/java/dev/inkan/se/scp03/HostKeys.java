package dev.inkan.se.scp03;

/**
 * What a host knows of a security domain's SCP03 keys before it knows which card answers: the
 * key version to ask for in INITIALIZE UPDATE, and the card's own static key set once the card has
 * given its key diversification data. {@link StaticKeys} is one key set for every card;
 * {@link DiversifiedKeys} derives each card's set from a master set, so the keys taken from one
 * card open no other.
 */
public interface HostKeys {
    /** The key version number to ask for. */
    int kvn();

    /** The static keys of the card that answered with {@code keyDiversificationData} (10 bytes). */
    StaticKeys forCard(byte[] keyDiversificationData);
}
