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

    /** True if the block ends with the empty line that terminates a header. */
    public boolean hasEmptyLine() {
        int s = count == 0 ? start : f[(count - 1) * 4 + 3];
        return s < end && isEmptyLine(data, s, lineEnd(data, s, end));
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

    /** Length in octets of the name of field {@code i}. */
    public int fieldNameLength(int i) {
        return f[i * 4 + 1] - f[i * 4];
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
     * The raw value of field {@code i}: the whitespace after the colon dropped, then the rest of the
     * first line and every continuation line with their line breaks (CRLF as "\r\n"), the final line
     * break removed. Chars U+0000..U+00FF, one per byte.
     */
    public String rawValue(int i) {
        if (!hasColon(i)) return "";
        int p = f[i * 4 + 2];
        int e = f[i * 4 + 3];
        int firstEnd = lineEnd(data, p, e);
        while (p < firstEnd && (data[p] == ' ' || data[p] == '\t')) p++;
        int stop = e;
        if (stop > p && data[stop - 1] == '\n') stop--;
        if (stop > p && data[stop - 1] == '\r') stop--;
        if (stop <= p) return "";
        return new String(data, p, stop - p, StandardCharsets.ISO_8859_1);
    }

    /**
     * The value with line breaks removed (a space inserted where the next line does not start with
     * whitespace), as IMAP servers send header text in ENVELOPE and BODYSTRUCTURE strings.
     */
    public String value(int i) {
        return noLf(rawValue(i));
    }

    /** Removes CR and LF; inserts a space where a line break is not followed by whitespace. */
    public static String noLf(String s) {
        if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '\r' && c != '\n') {
                sb.append(c);
            } else if (k + 1 < s.length()) {
                char n = s.charAt(k + 1);
                if (n != ' ' && n != '\t' && n != '\r' && n != '\n') sb.append(' ');
            }
        }
        return sb.toString();
    }

    /**
     * Text for humans (subjects, display names): every run of whitespace, CR and LF becomes one
     * space, leading and trailing whitespace removed, NUL shown as 0x80.
     */
    public static String forHumans(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean lastLwsp = true;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (!lastLwsp) sb.append(' ');
                lastLwsp = true;
            } else {
                sb.append(c == 0 ? (char) 0x80 : c);
                lastLwsp = false;
            }
        }
        if (lastLwsp && sb.length() > 0) sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** Index of the last field named {@code name}, or -1. */
    public int lastIndexOf(String name) {
        for (int i = count - 1; i >= 0; i--) {
            if (nameIs(i, name)) return i;
        }
        return -1;
    }

    /** Value (line breaks removed) of the first field named {@code name}, or null. */
    public String first(String name) {
        int i = indexOf(name);
        return i < 0 ? null : value(i);
    }

    /** Raw value (line breaks kept) of the first field named {@code name}, or null. */
    public String firstRaw(String name) {
        int i = indexOf(name);
        return i < 0 ? null : rawValue(i);
    }
}
