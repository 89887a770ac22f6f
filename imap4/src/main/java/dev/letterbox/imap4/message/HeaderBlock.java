package dev.letterbox.imap4.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of one header block, as byte offsets into the message. A field spans from its name to
 * the end of its last continuation line (newline included). Lines without a colon are kept as
 * fields whose whole line is the name and whose value is empty (as Dovecot does), so nothing of the
 * header is lost when filtering with HEADER.FIELDS.NOT.
 */
public final class HeaderBlock {
    private final byte[] data;
    private final int start;
    private final int end;
    /** Per field: nameStart, nameEnd, valueStart (after the colon, or line end), fieldEnd. */
    private final int[] f;
    private final int count;

    private HeaderBlock(byte[] data, int start, int end, int[] f, int count) {
        this.data = data;
        this.start = start;
        this.end = end;
        this.f = f;
        this.count = count;
    }

    /** Splits {@code [start, end)} (a header, possibly including its terminating empty line) into fields. */
    public static HeaderBlock parse(byte[] data, int start, int end) {
        int[] f = new int[32];
        int n = 0;
        int p = start;
        while (p < end) {
            int lineEnd = lineEnd(data, p, end);
            if (isEmptyLine(data, p, lineEnd)) break;
            if ((data[p] == ' ' || data[p] == '\t') && n > 0) {
                f[(n - 1) * 4 + 3] = lineEnd; // continuation of the previous field
                p = lineEnd;
                continue;
            }
            int colon = -1;
            for (int i = p; i < lineEnd; i++) {
                if (data[i] == ':') {
                    colon = i;
                    break;
                }
                if (data[i] == '\n' || data[i] == '\r') break;
            }
            int nameEnd = colon >= 0 ? colon : contentEnd(data, p, lineEnd);
            while (nameEnd > p && (data[nameEnd - 1] == ' ' || data[nameEnd - 1] == '\t')) nameEnd--;
            if (n * 4 + 4 > f.length) f = Arrays.copyOf(f, f.length * 2);
            f[n * 4] = p;
            f[n * 4 + 1] = nameEnd;
            f[n * 4 + 2] = colon >= 0 ? colon + 1 : contentEnd(data, p, lineEnd);
            f[n * 4 + 3] = lineEnd;
            n++;
            p = lineEnd;
        }
        return new HeaderBlock(data, start, end, f, n);
    }

    static int lineEnd(byte[] data, int p, int end) {
        for (int i = p; i < end; i++) {
            if (data[i] == '\n') return i + 1;
        }
        return end;
    }

    static boolean isEmptyLine(byte[] data, int p, int lineEnd) {
        int len = lineEnd - p;
        return (len == 1 && data[p] == '\n') || (len == 2 && data[p] == '\r' && data[p + 1] == '\n');
    }

    /** Position before the trailing CRLF/LF of a line. */
    static int contentEnd(byte[] data, int p, int lineEnd) {
        int e = lineEnd;
        if (e > p && data[e - 1] == '\n') e--;
        if (e > p && data[e - 1] == '\r') e--;
        return e;
    }

    public byte[] data() {
        return data;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    public int size() {
        return count;
    }

    public int fieldStart(int i) {
        return f[i * 4];
    }

    public int fieldEnd(int i) {
        return f[i * 4 + 3];
    }

    public boolean hasColon(int i) {
        return f[i * 4 + 2] > f[i * 4 + 1] && data[f[i * 4 + 2] - 1] == ':';
    }

    /** True if field {@code i} is named {@code name} (ASCII case-insensitive). */
    public boolean nameIs(int i, String name) {
        int s = f[i * 4];
        int e = f[i * 4 + 1];
        if (e - s != name.length()) return false;
        for (int k = 0; k < name.length(); k++) {
            int a = data[s + k] & 0xff;
            int b = name.charAt(k);
            if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) return false;
        }
        return true;
    }

    public String name(int i) {
        return new String(data, f[i * 4], f[i * 4 + 1] - f[i * 4], StandardCharsets.ISO_8859_1);
    }

    /** Index of the first field named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < count; i++) {
            if (nameIs(i, name)) return i;
        }
        return -1;
    }

    /**
     * The value of field {@code i} as one line of bytes (ISO-8859-1 chars), the way Dovecot presents
     * header values in ENVELOPE and BODYSTRUCTURE: whitespace after the colon dropped, every fold
     * (line break plus the following run of blanks, repeated) replaced by one space, trailing line
     * break removed.
     */
    public String value(int i) {
        if (!hasColon(i)) return "";
        int p = f[i * 4 + 2];
        int e = f[i * 4 + 3];
        StringBuilder sb = new StringBuilder(e - p);
        // skip leading whitespace, including across folds
        while (p < e) {
            byte b = data[p];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') p++;
            else break;
        }
        int stop = e;
        while (stop > p && (data[stop - 1] == '\n' || data[stop - 1] == '\r')) stop--;
        boolean inFold = false;
        for (int k = p; k < stop; k++) {
            byte b = data[k];
            if (b == '\r' || b == '\n') {
                inFold = true;
                continue;
            }
            if (inFold) {
                if (b == ' ' || b == '\t') continue;
                sb.append(' ');
                inFold = false;
            }
            sb.append((char) (b & 0xff));
        }
        return sb.toString();
    }

    /** Value of the first field named {@code name}, or null. */
    public String first(String name) {
        int i = indexOf(name);
        return i < 0 ? null : value(i);
    }
}
