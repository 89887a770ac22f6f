package dev.letterbox.pop3.internal;

import java.nio.ByteBuffer;

/**
 * Cuts complete lines (ending in CRLF, or a bare LF, tolerated) out of the input buffer, with a bound:
 * a line longer than the limit is consumed as it arrives — never buffered whole — and reported once
 * as {@link #TOO_LONG}, its remainder discarded up to its line end (RFC 2449 §4 line-length limits).
 */
final class LineFramer {
    /** Marker returned for an over-long line. */
    static final byte[] TOO_LONG = new byte[0];

    private boolean discarding;

    /**
     * The next line without its terminator, {@link #TOO_LONG}, or null if no complete line is
     * buffered (the incomplete tail stays in {@code in}).
     *
     * @param limit longest accepted line in octets, terminator included
     */
    byte[] next(ByteBuffer in, int limit) {
        while (true) {
            int start = in.position();
            int end = in.limit();
            int lf = indexOfLf(in, start, end);
            if (discarding) {
                if (lf < 0) {
                    in.position(end);
                    return null;
                }
                in.position(lf + 1);
                discarding = false;
                continue;
            }
            if (lf < 0) {
                if (end - start >= limit) { // cannot end within the limit any more
                    in.position(end);
                    discarding = true;
                    return TOO_LONG;
                }
                return null;
            }
            in.position(lf + 1);
            if (lf + 1 - start > limit) return TOO_LONG;
            int len = lf - start;
            if (len > 0 && in.get(lf - 1) == '\r') len--;
            byte[] line = new byte[len];
            in.get(start, line, 0, len);
            return line;
        }
    }

    private static int indexOfLf(ByteBuffer in, int from, int to) {
        if (in.hasArray()) {
            byte[] a = in.array();
            int base = in.arrayOffset();
            for (int i = from; i < to; i++) {
                if (a[base + i] == '\n') return i;
            }
            return -1;
        }
        for (int i = from; i < to; i++) {
            if (in.get(i) == '\n') return i;
        }
        return -1;
    }
}
