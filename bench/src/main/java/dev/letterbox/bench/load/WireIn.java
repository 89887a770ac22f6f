package dev.letterbox.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Buffered, byte-exact reader for line-based mail protocols; counts every byte received. */
public final class WireIn {
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    private long bytes;

    public WireIn(InputStream in) {
        this(in, 64 * 1024);
    }

    public WireIn(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    public long bytesRead() {
        return bytes;
    }

    private boolean fill() throws IOException {
        if (pos < lim) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        bytes += n;
        return true;
    }

    /** Reads one line without its CRLF (or bare LF), as ISO-8859-1; EOF is an error. */
    public String readLine() throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (!fill()) {
                throw new EOFException("connection closed by server");
            }
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i;
                    if (end > pos && buf[end - 1] == '\r') {
                        end--;
                    }
                    String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    if (sb == null) {
                        return part;
                    }
                    sb.append(part);
                    int n = sb.length();
                    if (end == i && n > 0 && sb.charAt(n - 1) == '\r') {
                        sb.setLength(n - 1); // CR was at the end of the previous chunk
                    }
                    return sb.toString();
                }
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(new String(buf, pos, lim - pos, StandardCharsets.ISO_8859_1));
            pos = lim;
        }
    }

    /** Consumes exactly n bytes (an IMAP literal). */
    public void skip(long n) throws IOException {
        while (n > 0) {
            if (!fill()) {
                throw new EOFException("connection closed inside a literal");
            }
            int take = (int) Math.min(n, lim - pos);
            pos += take;
            n -= take;
        }
    }

    /** Reads exactly n bytes. */
    public byte[] readExact(int n) throws IOException {
        byte[] out = new byte[n];
        int off = 0;
        while (off < n) {
            if (!fill()) {
                throw new EOFException("connection closed inside a literal");
            }
            int take = Math.min(n - off, lim - pos);
            System.arraycopy(buf, pos, out, off, take);
            pos += take;
            off += take;
        }
        return out;
    }

    /**
     * Consumes a dot-terminated multi-line body (POP3 RETR, SMTP-style) up to and including the
     * terminating {@code .CRLF} line; returns the number of payload bytes (before un-stuffing).
     */
    public long skipDotTerminated() throws IOException {
        long payload = 0;
        boolean lineStart = true;
        int dotState = 0; // 0: nothing; 1: saw '.' at line start; 2: saw ".\r"
        while (true) {
            if (!fill()) {
                throw new EOFException("connection closed inside a multi-line response");
            }
            while (pos < lim) {
                if (dotState == 0 && !lineStart) {
                    // fast path: the rest of a line cannot end the body
                    int i = pos;
                    while (i < lim && buf[i] != '\n') {
                        i++;
                    }
                    if (i == lim) {
                        payload += lim - pos;
                        pos = lim;
                        break;
                    }
                    payload += i + 1 - pos;
                    pos = i + 1;
                    lineStart = true;
                    continue;
                }
                byte b = buf[pos++];
                if (dotState == 1) {
                    if (b == '\n') {
                        return payload;
                    }
                    if (b == '\r') {
                        dotState = 2;
                        continue;
                    }
                    dotState = 0;
                    payload += 1;
                } else if (dotState == 2) {
                    if (b == '\n') {
                        return payload;
                    }
                    dotState = 0;
                    payload += 2;
                }
                if (lineStart && b == '.') {
                    dotState = 1;
                    lineStart = false;
                    continue;
                }
                payload++;
                lineStart = b == '\n';
            }
        }
    }
}
