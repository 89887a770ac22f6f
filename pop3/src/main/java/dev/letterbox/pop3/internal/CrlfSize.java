package dev.letterbox.pop3.internal;

import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.StoreException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Sizes of messages in their CRLF form, as {@link DotStuffer} serves them (a bare LF counts as CRLF).
 * The SPI reports that size already; content held in memory is checked, once per message: results
 * are remembered per byte array (identity, weakly), so later sessions do not scan again.
 */
final class CrlfSize {
    private final Map<byte[], Long> known = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The CRLF size of a stored message when its bytes are in memory; otherwise the size the store
     * reports, which the SPI defines as the CRLF size.
     */
    long ofStored(Mailbox inbox, long uid, long reported) {
        Optional<byte[]> bytes;
        try {
            bytes = inbox.content(uid).bytesIfInMemory();
        } catch (StoreException e) {
            return reported; // gone or unreadable now: RETR will say so
        }
        if (bytes.isEmpty()) return reported;
        byte[] b = bytes.get();
        Long cached = known.get(b);
        if (cached != null) return cached;
        long size = of(b);
        known.put(b, size);
        return size;
    }

    static long of(byte[] b) {
        long size = b.length;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) size++;
        }
        if (b.length > 0 && b[b.length - 1] != '\n') size += b[b.length - 1] == '\r' ? 1 : 2; // DotStuffer ends the last line
        return size;
    }
}
