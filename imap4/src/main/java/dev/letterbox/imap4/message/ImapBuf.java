package dev.letterbox.imap4.message;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with IMAP string/nstring/literal writers (RFC 9051 §4.3). */
public final class ImapBuf {
    private byte[] b;
    private int n;

    public ImapBuf(int capacity) {
        b = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        if (n + extra > b.length) b = Arrays.copyOf(b, Math.max(b.length * 2, n + extra));
    }

    public ImapBuf write(int c) {
        ensure(1);
        b[n++] = (byte) c;
        return this;
    }

    public ImapBuf write(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, b, n, len);
        n += len;
        return this;
    }

    public ImapBuf write(byte[] src) {
        return write(src, 0, src.length);
    }

    /** Chars U+0000..U+00FF as one byte each. */
    public ImapBuf latin1(String s) {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) b[n++] = (byte) s.charAt(i);
        return this;
    }

    public ImapBuf number(long v) {
        if (v >= 0 && v < 10) return write('0' + (int) v);
        return latin1(Long.toString(v));
    }

    /** NIL for null, else {@link #string}. */
    public ImapBuf nstring(String s) {
        return s == null ? latin1("NIL") : string(s);
    }

    /**
     * An IMAP string of the bytes in {@code s} (one char per byte): quoted when it is 7-bit text
     * without CR/LF/NUL, a literal otherwise.
     */
    public ImapBuf string(String s) {
        int len = s.length();
        boolean quotable = len < 4096;
        for (int i = 0; quotable && i < len; i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n' || c >= 0x80) quotable = false;
        }
        if (quotable) {
            ensure(len * 2 + 2);
            b[n++] = '"';
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') b[n++] = '\\';
                b[n++] = (byte) c;
            }
            b[n++] = '"';
            return this;
        }
        write('{').number(len).latin1("}\r\n");
        return latin1(s);
    }

    /**
     * Text for humans (RFC 3501 leaves the form open; Dovecot's rule): whitespace runs folded to one
     * space and trimmed; quoted when nothing had to change, otherwise a literal of the cleaned text.
     */
    public ImapBuf humans(String s) {
        String h = HeaderBlock.forHumans(s);
        boolean plain = h.equals(s);
        for (int i = 0; plain && i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c >= 0x80 || c < 0x20) plain = false;
        }
        if (plain) return write('"').latin1(s).write('"');
        if (h.isEmpty()) return latin1("\"\"");
        write('{').number(h.length()).latin1("}\r\n");
        return latin1(h);
    }

    /** NIL or {@link #humans}. */
    public ImapBuf nhumans(String s) {
        return s == null ? latin1("NIL") : humans(s);
    }

    /** Literal header {@code {n}\r\n} or {@code ~{n}\r\n}. */
    public ImapBuf literalHeader(long len, boolean literal8) {
        if (literal8) write('~');
        return write('{').number(len).latin1("}\r\n");
    }

    public int size() {
        return n;
    }

    public byte[] array() {
        return b;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(b, n);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(b, 0, n);
    }

    public void reset() {
        n = 0;
    }

    @Override
    public String toString() {
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }
}
