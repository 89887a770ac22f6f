package dev.letterbox.imap4.fetch;

import java.io.IOException;
import java.io.OutputStream;

/** Writes FETCH responses. SEAM: implemented by the message/fetch work. */
public final class FetchRenderer {
    private FetchRenderer() {
    }

    /**
     * Writes one complete {@code * <msn> FETCH (...)\r\n} response for {@code request}, items in
     * request order, literals for section data (literal8 {@code ~{n}} where RFC 3516 requires).
     *
     * @throws FetchException if an item cannot be answered for this message (nothing is written then)
     */
    public static void render(FetchRequest request, FetchContext ctx, OutputStream out) throws IOException, FetchException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
