package dev.letterbox.pop3.internal;

import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.StoreException;
import java.util.Optional;

/** The size of a message in its CRLF form, as {@link DotStuffer} serves it (bare LF counts as CRLF). */
final class CrlfSize {
    private CrlfSize() {
    }

    /**
     * The CRLF size of a stored message when its bytes are in memory (cheap to check); otherwise the
     * size the store reports, which the SPI defines as the CRLF size.
     */
    static long ofStored(Mailbox inbox, long uid, long reported) {
        Optional<byte[]> bytes;
        try {
            bytes = inbox.content(uid).bytesIfInMemory();
        } catch (StoreException e) {
            return reported; // gone or unreadable now: RETR will say so
        }
        return bytes.map(CrlfSize::of).orElse(reported);
    }

    static long of(byte[] b) {
        long size = b.length;
        byte prev = 0;
        for (byte c : b) {
            if (c == '\n' && prev != '\r') size++;
            prev = c;
        }
        if (b.length > 0 && prev != '\n') size += prev == '\r' ? 1 : 2; // DotStuffer ends the last line
        return size;
    }
}
