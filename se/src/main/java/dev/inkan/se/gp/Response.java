package dev.inkan.se.gp;

/** Response data and status word produced by a security domain command handler. */
record Response(byte[] data, int sw) {
    static final byte[] EMPTY = new byte[0];

    static Response ok(byte[] data) {
        return new Response(data, dev.inkan.se.apdu.Sw.OK);
    }

    static Response ok() {
        return new Response(EMPTY, dev.inkan.se.apdu.Sw.OK);
    }

    static Response sw(int sw) {
        return new Response(EMPTY, sw);
    }
}
