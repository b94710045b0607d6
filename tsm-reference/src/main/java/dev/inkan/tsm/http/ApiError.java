package dev.inkan.tsm.http;

import dev.inkan.tsm.jpki.Refused;

/** A refusal the API answers as JSON {@code {"error": code, "message": ...}} with an HTTP status. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiError invalid(String message) {
        return new ApiError(400, "INVALID", message);
    }

    /**
     * The JPKI service's refusal: unknown records 404, bad input 400, signed requests that can
     * never pass (bad signature, signed outside the card certificate's validity, replayed) 422,
     * the rest (state, rules) 409.
     */
    static ApiError of(Refused r) {
        int status = switch (r.reason()) {
            case UNKNOWN -> 404;
            case INVALID -> 400;
            case BAD_SIGNATURE, CARD_NOT_VALID_AT_SIGNING, REPLAYED -> 422;
            default -> 409;
        };
        String prefix = r.reason().name() + ": ";
        String message = r.getMessage().startsWith(prefix) ? r.getMessage().substring(prefix.length()) : r.getMessage();
        return new ApiError(status, r.reason().name(), message);
    }
}
