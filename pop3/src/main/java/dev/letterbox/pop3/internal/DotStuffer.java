package dev.letterbox.pop3.internal;

/**
 * Encodes a message as the body of a POP3 multi-line response in one pass (RFC 1939 §3): every line
 * starting with {@code .} gets another {@code .} in front, bare LF becomes CRLF, the body ends with
 * CRLF, and {@link #finish} appends the terminating {@code .CRLF}. Works on chunks of any size (a
 * whole in-memory message or stream reads), so line starts and CRLF pairs may straddle chunks.
 *
 * <p>For TOP (RFC 1939 §7) a limit stops the output after the header, the blank line that ends it,
 * and {@code bodyLines} lines of the body.
 */
final class DotStuffer {
    private final Output out;
    private final long bodyLines;
    private boolean lineStart = true;
    private boolean prevCr;
    private boolean inHeader = true;
    private boolean lineEmpty = true;
    private long bodyLinesLeft;
    private boolean done;

    /** @param bodyLines body lines to send after the header (TOP), or -1 for the whole message (RETR) */
    DotStuffer(Output out, long bodyLines) {
        this.out = out;
        this.bodyLines = bodyLines;
        this.bodyLinesLeft = bodyLines;
    }

    /** True once a TOP limit is reached; further input is ignored. */
    boolean done() {
        return done;
    }

    void feed(byte[] src, int off, int len) {
        if (done) return;
        int end = off + len;
        int run = off;
        boolean limited = bodyLines >= 0;
        for (int i = off; i < end; i++) {
            byte b = src[i];
            if (b == '\n') {
                if (!prevCr) { // bare LF: insert CR
                    out.write(src, run, i - run);
                    out.write((byte) '\r');
                    run = i;
                }
                prevCr = false;
                lineStart = true;
                if (limited && endOfLine()) {
                    out.write(src, run, i + 1 - run);
                    done = true;
                    return;
                }
                lineEmpty = true;
                continue;
            }
            if (b == '.' && lineStart) {
                out.write(src, run, i - run);
                out.write((byte) '.');
                run = i;
            }
            if (b == '\r') {
                prevCr = true;
            } else {
                prevCr = false;
                lineEmpty = false;
            }
            lineStart = false;
        }
        out.write(src, run, end - run);
    }

    /** At a line end with a TOP limit: true if the output must stop after this line. */
    private boolean endOfLine() {
        if (inHeader) {
            if (lineEmpty) {
                inHeader = false;
                return bodyLinesLeft == 0;
            }
            return false;
        }
        return --bodyLinesLeft <= 0;
    }

    /** Ends the body with CRLF if it did not end with a line break, then writes {@code .CRLF}. */
    void finish() {
        if (!lineStart) {
            if (!prevCr) out.write((byte) '\r');
            out.write((byte) '\n');
        }
        out.write((byte) '.');
        out.write((byte) '\r');
        out.write((byte) '\n');
    }
}
