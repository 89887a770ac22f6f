package dev.letterbox.pop3.internal;

import dev.letterbox.core.net.Connection;
import java.nio.charset.StandardCharsets;

/**
 * Buffers one burst of responses and hands it to the connection in large writes; {@link #flush()}
 * once per burst (after all pipelined commands of one read are answered). Large body runs bypass the
 * buffer and go to the connection as slices of the source array.
 */
final class Output {
    private static final int DIRECT = 8 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Connection conn;
    private byte[] buf = new byte[16 * 1024];
    private int n;

    Output(Connection conn) {
        this.conn = conn;
    }

    /** A status line: reported to the connection's events and written with CRLF. */
    void status(String line) {
        conn.events().serverLine(line);
        text(line);
    }

    /** A line of a multi-line listing (not reported as a server line), written with CRLF. */
    void text(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
        write(CRLF, 0, 2);
    }

    void write(byte[] src, int off, int len) {
        if (len >= DIRECT) {
            drain();
            conn.write(src, off, len);
            return;
        }
        if (n + len > buf.length) {
            drain();
            if (len > buf.length) buf = new byte[len];
        }
        System.arraycopy(src, off, buf, n, len);
        n += len;
    }

    void write(byte b) {
        if (n == buf.length) drain();
        buf[n++] = b;
    }

    /** Passes buffered bytes to the connection without flushing it. */
    void drain() {
        if (n > 0) {
            conn.write(buf, 0, n);
            n = 0;
        }
    }

    void flush() {
        drain();
        conn.flush();
    }

    /** Drops what was buffered but not yet handed over (nothing is sent after a shutdown line). */
    void discard() {
        n = 0;
    }
}
