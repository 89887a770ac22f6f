package dev.letterbox.imap4.internal.codec;

import dev.letterbox.core.net.Connection;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * The one response encoder of the IMAP server (RFC 9051 §7): a chained writer of atoms, numbers,
 * strings (quoted or literal, whichever is valid), nstrings, mailbox names and lists. Bytes collect
 * in a buffer; {@link #sendTo} hands them to the connection, which the session flushes once per
 * response burst. Large bursts (FETCH of many bodies) spill to the connection as they grow, still
 * without flushing.
 */
public final class ImapWriter {
    private static final int SPILL = 1 << 16;
    private static final byte[] CRLF = {'\r', '\n'};

    private static final int INITIAL = 512;
    private static final int RETAIN = 8192;

    private static final byte[] EMPTY = new byte[0];
    private byte[] buf = EMPTY;
    private int len;
    private int lineStart;
    private boolean lineHasLiteral;
    private boolean utf8;
    private Connection conn;

    public ImapWriter() {
    }

    /** Whether UTF8=ACCEPT is enabled: strings and mailbox names may be sent as UTF-8 (RFC 6855). */
    public ImapWriter utf8(boolean on) {
        this.utf8 = on;
        return this;
    }

    public boolean utf8() {
        return utf8;
    }

    /** Spill large bursts to this connection (and report lines to its events). */
    public ImapWriter connection(Connection c) {
        this.conn = c;
        return this;
    }

    // ---- building blocks ----

    public ImapWriter raw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public ImapWriter raw(byte[] b) {
        return raw(b, 0, b.length);
    }

    /** ASCII text written as is (response keywords, codes, human-readable text). */
    public ImapWriter raw(String ascii) {
        ensure(ascii.length() * 3);
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (c < 0x80) {
                buf[len++] = (byte) c;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                for (byte x : b) buf[len++] = x;
            }
        }
        return this;
    }

    public ImapWriter sp() {
        ensure(1);
        buf[len++] = ' ';
        return this;
    }

    public ImapWriter ch(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    public ImapWriter number(long n) {
        return raw(Long.toString(n));
    }

    public ImapWriter untagged() {
        return raw("* ");
    }

    /** An atom; callers only pass valid atoms (response keywords, flags). */
    public ImapWriter atom(String a) {
        return raw(a);
    }

    public ImapWriter open() {
        return ch('(');
    }

    public ImapWriter close() {
        return ch(')');
    }

    /** A parenthesized list of atoms separated by spaces, e.g. flags. */
    public ImapWriter atomList(Collection<String> atoms) {
        open();
        boolean first = true;
        for (String a : atoms) {
            if (!first) sp();
            first = false;
            atom(a);
        }
        return close();
    }

    /** A string: quoted when that is valid, a literal otherwise (CR, LF, NUL, 8-bit without UTF-8, long). */
    public ImapWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (quotable(b)) {
            ensure(b.length * 2 + 2);
            buf[len++] = '"';
            for (byte x : b) {
                if (x == '"' || x == '\\') buf[len++] = '\\';
                buf[len++] = x;
            }
            buf[len++] = '"';
            return this;
        }
        return literal(b);
    }

    public ImapWriter nstring(String s) {
        return s == null ? raw("NIL") : string(s);
    }

    /** An astring: a bare atom when possible (never {@code NIL}), a string otherwise. */
    public ImapWriter astring(String s) {
        if (!s.isEmpty() && !s.equalsIgnoreCase("NIL") && isAstring(s)) return raw(s);
        return string(s);
    }

    /** A mailbox name: modified UTF-7 unless UTF8=ACCEPT is on; INBOX as an atom. */
    public ImapWriter mailbox(String name) {
        return astring(utf8 ? name : MUtf7.encode(name));
    }

    public ImapWriter literal(byte[] b) {
        raw("{" + b.length + "}");
        raw(CRLF);
        lineHasLiteral = true;
        return raw(b);
    }

    /** Ends a response line. */
    public ImapWriter crlf() {
        if (conn != null && !lineHasLiteral && len - lineStart < 1000) {
            conn.events().serverLine(new String(buf, lineStart, len - lineStart, StandardCharsets.UTF_8));
        }
        raw(CRLF);
        lineStart = len;
        lineHasLiteral = false;
        if (len >= SPILL && conn != null) sendTo(conn);
        return this;
    }

    /** {@code tag status [code] text CRLF}. */
    public ImapWriter tagged(String tag, String status, String code, String text) {
        raw(tag).sp().raw(status).sp();
        if (code != null) raw("[").raw(code).raw("] ");
        return raw(text).crlf();
    }

    /** {@code * status [code] text CRLF}. */
    public ImapWriter untaggedStatus(String status, String code, String text) {
        untagged().raw(status).sp();
        if (code != null) raw("[").raw(code).raw("] ");
        return raw(text).crlf();
    }

    // ---- output ----

    /** Writes the collected bytes to {@code c} (without flushing) and clears the buffer. */
    public void sendTo(Connection c) {
        if (len > 0) c.write(buf, 0, len);
        len = 0;
        lineStart = 0;
        if (buf.length > RETAIN) buf = new byte[INITIAL]; // idle sessions keep no big buffers
    }

    /**
     * Drops the buffer when nothing is pending, so a session waiting for its next command (or idling)
     * holds no output buffer; the next write allocates one again.
     */
    public void release() {
        if (len == 0) {
            buf = EMPTY;
            lineStart = 0;
        }
    }

    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public String toText() {
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }

    public void reset() {
        len = 0;
        lineStart = 0;
        lineHasLiteral = false;
    }

    /** An OutputStream view for renderers that write whole responses themselves (FETCH). */
    public OutputStream stream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                ensure(1);
                buf[len++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int n) {
                if (n > SPILL && conn != null) {
                    sendTo(conn);
                    conn.write(b, off, n);
                    return;
                }
                raw(b, off, n);
            }

            @Override
            public void flush() {
                lineStart = len;
                if (len >= SPILL && conn != null) sendTo(conn);
            }
        };
    }

    /** Marks that a renderer finished a response (for the spill check). */
    public void endRendered() {
        lineStart = len;
        lineHasLiteral = false;
        if (len >= SPILL && conn != null) sendTo(conn);
    }

    private boolean quotable(byte[] b) {
        if (b.length > 1000) return false;
        for (byte x : b) {
            int c = x & 0xff;
            if (c == '\r' || c == '\n' || c == 0) return false;
            if (c >= 0x80 && !utf8) return false;
        }
        return true;
    }

    private static boolean isAstring(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Cursor.isAstringChar(s.charAt(i))) return false;
        }
        return true;
    }

    private void ensure(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(Math.max(buf.length * 2, INITIAL), len + n));
    }
}
