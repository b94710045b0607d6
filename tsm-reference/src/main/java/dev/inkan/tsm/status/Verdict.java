package dev.inkan.tsm.status;

/** A relying party's decision on a signature, with the reason when it rejects. */
public record Verdict(boolean accepted, String reason) {
    static final Verdict ACCEPTED = new Verdict(true, "");

    static Verdict rejected(String why) {
        return new Verdict(false, why);
    }
}
