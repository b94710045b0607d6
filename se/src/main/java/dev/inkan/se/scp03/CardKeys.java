package dev.inkan.se.scp03;

/** What a card-side SCP03 session needs from its security domain. */
public interface CardKeys {
    /** The key set with {@code kvn}; KVN '00' means the domain's default (first) key set. Null if none. */
    CardKeySet find(int kvn);

    /** The AID of the security domain (context of the pseudo-random card challenge). */
    byte[] sdAid();

    /** Key diversification data returned in INITIALIZE UPDATE (10 bytes). */
    byte[] keyDiversificationData();

    /** The weakest security level EXTERNAL AUTHENTICATE may establish for this domain. */
    int minimumSecurityLevel();

    /** Called after a key set's sequence counter advanced, so the change is made durable. */
    void counterAdvanced(CardKeySet keySet);
}
