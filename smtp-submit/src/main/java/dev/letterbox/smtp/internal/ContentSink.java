package dev.letterbox.smtp.internal;

import dev.letterbox.smtp.LineEndingPolicy;

/**
 * The message bytes after transfer decoding (DATA unstuffing, BDAT framing), on their way into the
 * {@link Spool}: finds bare CR and bare LF (RFC 5321 §2.3.8), rejects or normalises them, and enforces
 * the size limit. Once the message is doomed (too big, or a bare line ending under
 * {@link LineEndingPolicy#REJECT}) the bytes are counted but no longer stored.
 */
final class ContentSink {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] CRLF = {CR, LF};

    private final Spool spool;
    private final LineEndingPolicy policy;
    private final long maxSize;
    private final byte[] one = new byte[1];
    private boolean pendingCr;
    private boolean bareLineEnding;
    private boolean tooBig;
    private boolean storageFailed;
    private long size;

    ContentSink(Spool spool, LineEndingPolicy policy, long maxSize) {
        this.spool = spool;
        this.policy = policy;
        this.maxSize = maxSize;
    }

    /** Writes arbitrary bytes (BDAT chunks); runs between CR/LF are stored in one piece. */
    void write(byte[] b, int off, int len) {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == CR || c == LF || pendingCr) {
                store(b, start, i - start);
                single(c);
                start = i + 1;
            }
        }
        store(b, start, end - start);
    }

    /** Writes a run the caller knows holds neither CR nor LF (the DATA decoder's mid-line runs). */
    void writeRun(byte[] b, int off, int len) {
        if (len == 0) return;
        if (pendingCr) {
            pendingCr = false;
            bareEnding();
        }
        store(b, off, len);
    }

    /**
     * Writes whole lines the caller knows end in CRLF and hold no other CR or LF (the DATA decoder's
     * ordinary lines): stored in one piece.
     */
    void writeLines(byte[] b, int off, int len) {
        writeRun(b, off, len);
    }

    void write(byte c) {
        single(c);
    }

    private void single(byte c) {
        if (pendingCr) {
            pendingCr = false;
            if (c == LF) {
                store(CRLF, 0, 2);
                return;
            }
            bareEnding();
        }
        if (c == CR) {
            pendingCr = true;
        } else if (c == LF) {
            bareEnding();
        } else {
            one[0] = c;
            store(one, 0, 1);
        }
    }

    private void bareEnding() {
        bareLineEnding = true;
        if (policy == LineEndingPolicy.NORMALIZE) store(CRLF, 0, 2);
    }

    private void store(byte[] b, int off, int len) {
        if (len == 0) return;
        size += len;
        if (size > maxSize) tooBig = true;
        if (tooBig || storageFailed || (bareLineEnding && policy == LineEndingPolicy.REJECT)) return;
        try {
            spool.write(b, off, len);
        } catch (java.io.UncheckedIOException e) { // disk full, spool directory gone: keep reading, refuse at the end
            storageFailed = true;
            System.getLogger(ContentSink.class.getName()).log(System.Logger.Level.ERROR, "message spool failed", e);
        }
    }

    /** True if the spool could not store the message (RFC 3463 4.3.1). */
    boolean storageFailed() {
        return storageFailed;
    }

    /** End of the message: a CR still pending is bare. */
    void finish() {
        if (pendingCr) {
            pendingCr = false;
            bareEnding();
        }
    }

    /** The size of the message so far, after normalisation. */
    long size() {
        return size;
    }

    boolean tooBig() {
        return tooBig;
    }

    /** True if the message must be refused for bare CR/LF (policy REJECT). */
    boolean rejectedForLineEndings() {
        return bareLineEnding && policy == LineEndingPolicy.REJECT;
    }
}
