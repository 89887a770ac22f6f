package dev.letterbox.imap4.internal.codec;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser over one {@link CommandFrame}, in "expect" style: every method consumes
 * what it expects or records the first error (sticky) and returns a neutral value, so a command
 * parser reads straight through and checks {@link #ok()} once (RFC 9051 §9 grammar).
 */
public final class Cursor {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec"};

    private final CommandFrame frame;
    private final boolean utf8;
    private final int maxDepth;
    private byte[] line;
    private int lineIdx;
    private int pos;
    private int litIdx;
    private String error;

    /**
     * @param utf8     UTF8=ACCEPT is enabled: mailbox names are UTF-8, not modified UTF-7 (RFC 6855 §3)
     * @param maxDepth bound for nested parenthesized lists
     */
    public Cursor(CommandFrame frame, boolean utf8, int maxDepth) {
        this.frame = frame;
        this.utf8 = utf8;
        this.maxDepth = maxDepth;
        this.line = frame.lines().get(0);
    }

    public static Cursor of(String line) {
        return new Cursor(CommandFrame.ofLine(line), false, 16);
    }

    // ---- error handling ----

    public boolean ok() {
        return error == null;
    }

    public String error() {
        return error;
    }

    /** Records {@code message} unless an earlier error is recorded already. */
    public void fail(String message) {
        if (error == null) error = message;
    }

    public int maxDepth() {
        return maxDepth;
    }

    // ---- low level ----

    /** The next byte of the current line, or -1 at its end (or after an error). */
    public int peek() {
        return error != null || pos >= line.length ? -1 : line[pos] & 0xff;
    }

    private int peekAt(int offset) {
        return pos + offset >= line.length ? -1 : line[pos + offset] & 0xff;
    }

    /** True when the whole command has been consumed. */
    public boolean atEnd() {
        return pos >= line.length && lineIdx == frame.lines().size() - 1;
    }

    /** Consumes {@code c} if it is next. */
    public boolean tryChar(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (!tryChar(c)) fail(describeExpected("'" + c + "'"));
    }

    public void sp() {
        if (!tryChar(' ')) fail(describeExpected("a space"));
    }

    public boolean trySp() {
        return tryChar(' ');
    }

    /** Expects the end of the command. */
    public void end() {
        if (error == null && !atEnd()) fail("Unexpected characters at end of command");
    }

    private String describeExpected(String what) {
        if (pos >= line.length) return "Expected " + what + " but the command ended";
        int c = line[pos] & 0xff;
        return "Expected " + what + " at '" + (c >= 0x21 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c)) + "'";
    }

    /** Consumes {@code word} case-insensitively if it is next and followed by a non-atom character. */
    public boolean tryWord(String word) {
        if (error != null || pos + word.length() > line.length) return false;
        for (int i = 0; i < word.length(); i++) {
            int c = line[pos + i] & 0xff;
            if (Character.toUpperCase(c) != Character.toUpperCase(word.charAt(i))) return false;
        }
        int after = peekAt(word.length());
        if (after != -1 && isAtomChar(after) && after != ']') return false;
        pos += word.length();
        return true;
    }

    /** Consumes a space and {@code word} if both are next; otherwise consumes nothing. */
    public boolean trySpWord(String word) {
        if (peek() != ' ') return false;
        pos++;
        if (tryWord(word)) return true;
        pos--;
        return false;
    }

    // ---- character classes (RFC 9051 §9) ----

    public static boolean isAtomChar(int c) {
        if (c <= 0x20 || c >= 0x7f) return false;
        return switch (c) {
            case '(', ')', '{', '%', '*', '"', '\\', ']' -> false;
            default -> true;
        };
    }

    static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    static boolean isListChar(int c) {
        return isAstringChar(c) || c == '%' || c == '*';
    }

    // ---- tokens ----

    /** {@code tag}: ASTRING-CHARs except '+'. */
    public String tag() {
        int start = pos;
        while (peek() != -1 && isAstringChar(peek()) && peek() != '+') pos++;
        if (pos == start) fail("Missing or invalid tag");
        return ascii(start, pos);
    }

    public String atom() {
        int start = pos;
        while (peek() != -1 && isAtomChar(peek())) pos++;
        if (pos == start) fail(describeExpected("an atom"));
        return ascii(start, pos);
    }

    /** An atom that may contain ']' (ASTRING-CHAR), e.g. the verb or flag-keyword. */
    private String astringAtom() {
        int start = pos;
        while (peek() != -1 && isAstringChar(peek())) pos++;
        return ascii(start, pos);
    }

    /** A flag: {@code \Atom} or a keyword atom, or {@code \*} where allowed by the caller. */
    public String flag() {
        if (tryChar('\\')) {
            if (tryChar('*')) return "\\*";
            return "\\" + atom();
        }
        return atom();
    }

    public long number() {
        int start = pos;
        long v = 0;
        while (peek() >= '0' && peek() <= '9') {
            v = v * 10 + (line[pos++] - '0');
            if (v > 0xFFFF_FFFFL) {
                fail("Number too large");
                return 0;
            }
        }
        if (pos == start) fail(describeExpected("a number"));
        return v;
    }

    public long nzNumber() {
        long v = number();
        if (ok() && v == 0) fail("Zero is not allowed here");
        return v;
    }

    /** number64 (RFC 9051): for sizes. */
    public long number64() {
        int start = pos;
        long v = 0;
        while (peek() >= '0' && peek() <= '9') {
            int d = line[pos++] - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                fail("Number too large");
                return 0;
            }
            v = v * 10 + d;
        }
        if (pos == start) fail(describeExpected("a number"));
        return v;
    }

    /** {@code astring}: atom (with ']'), quoted string or literal; text decoded as UTF-8. */
    public String astring() {
        int c = peek();
        if (c == '"' || c == '{' || (c == '~' && peekAt(1) == '{')) return string();
        int start = pos;
        String s = astringAtom();
        if (pos == start) fail(describeExpected("a string"));
        return s;
    }

    /** {@code string}: quoted or literal, UTF-8 decoded. */
    public String string() {
        byte[] b = stringBytes();
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    /** {@code nstring}: NIL or a string; null for NIL. */
    public String nstring() {
        if (tryWord("NIL")) return null;
        return string();
    }

    /** The raw octets of a quoted string or literal. */
    public byte[] stringBytes() {
        int c = peek();
        if (c == '"') return quoted();
        if (c == '{' || (c == '~' && peekAt(1) == '{')) {
            Literal l = literal(false);
            try {
                return l == null ? null : l.readAllBytes();
            } catch (java.io.IOException e) {
                fail("Literal unreadable");
                return null;
            }
        }
        fail(describeExpected("a string"));
        return null;
    }

    private byte[] quoted() {
        expect('"');
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            int c = peek();
            if (c == -1) {
                fail("Unterminated quoted string");
                return null;
            }
            pos++;
            if (c == '"') return out.toByteArray();
            if (c == '\\') {
                int d = peek();
                if (d != '"' && d != '\\') {
                    fail("Invalid escape in quoted string");
                    return null;
                }
                pos++;
                out.write(d);
            } else if (c == 0) {
                fail("NUL in quoted string");
                return null;
            } else {
                out.write(c);
            }
        }
    }

    /**
     * A literal {@code {n}}, {@code {n+}} or, if {@code allowBinary}, {@code ~{n}}; the framer has
     * already collected its octets. Returns null (and fails) if none is here.
     */
    public Literal literal(boolean allowBinary) {
        int start = pos;
        boolean binary = tryChar('~');
        if (binary && !allowBinary) {
            pos = start;
            fail("literal8 is not allowed here");
            return null;
        }
        expect('{');
        number();
        tryChar('+');
        expect('}');
        if (!ok()) return null;
        if (pos != line.length || litIdx >= frame.literals().size()) {
            fail("Literal announcement must end the line");
            return null;
        }
        Literal l = frame.literals().get(litIdx++);
        lineIdx++;
        line = frame.lines().get(lineIdx);
        pos = 0;
        if (!binary && containsNul(l)) {
            fail("NUL in a literal; use literal8");
            return null;
        }
        return l;
    }

    private static boolean containsNul(Literal l) {
        if (l.spooled()) return false; // large literals are messages; the store keeps bytes as they are
        try {
            for (byte b : l.readAllBytes()) if (b == 0) return true;
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }

    /** {@code mailbox}: astring, decoded from modified UTF-7 (or UTF-8 after UTF8=ACCEPT). */
    public String mailbox() {
        String raw = astring();
        return ok() ? decodeMailbox(raw) : "";
    }

    /** {@code list-mailbox}: list-chars (with wildcards) or a string. */
    public String listMailbox() {
        int c = peek();
        if (c == '"' || c == '{') return decodeMailbox(string());
        int start = pos;
        while (peek() != -1 && isListChar(peek())) pos++;
        if (pos == start) fail(describeExpected("a mailbox pattern"));
        return decodeMailbox(ascii(start, pos));
    }

    private String decodeMailbox(String raw) {
        if (raw.equalsIgnoreCase("INBOX")) return "INBOX";
        if (utf8) {
            return raw;
        }
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) > 0x7e) {
                fail("Mailbox name must be modified UTF-7 (RFC 3501 §5.1.3)");
                return "";
            }
        }
        try {
            return MUtf7.decode(raw);
        } catch (IllegalArgumentException e) {
            fail("Invalid modified UTF-7 in mailbox name");
            return "";
        }
    }

    /**
     * {@code sequence-set} with {@code *}, or {@code $} (RFC 5182).
     */
    public SequenceSet sequenceSet() {
        if (tryChar('$')) return SequenceSet.savedResult();
        List<SequenceSet.Range> ranges = new ArrayList<>();
        do {
            long a = seqNumber();
            long b = a;
            if (tryChar(':')) b = seqNumber();
            if (!ok()) return new SequenceSet(List.of(), false);
            ranges.add(new SequenceSet.Range(a, b));
        } while (tryChar(','));
        return new SequenceSet(ranges, false);
    }

    /** True if a sequence set starts here (for SEARCH keys). */
    public boolean atSequenceSet() {
        int c = peek();
        return c == '*' || c == '$' || (c >= '1' && c <= '9');
    }

    private long seqNumber() {
        if (tryChar('*')) return SequenceSet.STAR;
        if (peek() < '0' || peek() > '9') {
            fail(describeExpected("a sequence number or '*'"));
            return 0;
        }
        long v = number();
        if (ok() && v == 0) fail("Sequence number 0 is not valid");
        return v;
    }

    /** A list of flags {@code (\Seen $Label)}. */
    public List<String> flagList() {
        List<String> out = new ArrayList<>();
        expect('(');
        if (tryChar(')')) return out;
        do {
            out.add(flag());
        } while (ok() && trySp());
        expect(')');
        return out;
    }

    /** {@code date}: {@code 1-Feb-2020} optionally quoted. */
    public LocalDate date() {
        boolean q = tryChar('"');
        LocalDate d = dateText();
        if (q) expect('"');
        return d;
    }

    private LocalDate dateText() {
        long day = number();
        expect('-');
        int month = month();
        expect('-');
        long year = number();
        if (!ok()) return LocalDate.EPOCH;
        try {
            return LocalDate.of((int) year, month, (int) day);
        } catch (java.time.DateTimeException e) {
            fail("Invalid date");
            return LocalDate.EPOCH;
        }
    }

    private int month() {
        if (pos + 3 > line.length) {
            fail("Invalid month");
            return 1;
        }
        String m = ascii(pos, pos + 3).toLowerCase(Locale.ROOT);
        for (int i = 0; i < 12; i++) {
            if (MONTHS[i].equals(m)) {
                pos += 3;
                return i + 1;
            }
        }
        fail("Invalid month");
        return 1;
    }

    /** {@code date-time}: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"} (day may be space-padded). */
    public OffsetDateTime dateTime() {
        expect('"');
        tryChar(' ');
        LocalDate d = dateText();
        sp();
        long hh = twoDigits();
        expect(':');
        long mm = twoDigits();
        expect(':');
        long ss = twoDigits();
        sp();
        int sign = tryChar('+') ? 1 : (tryChar('-') ? -1 : 0);
        if (sign == 0) fail("Invalid time zone");
        int zStart = pos;
        long zone = number();
        if (ok() && pos - zStart != 4) fail("Invalid time zone");
        expect('"');
        if (!ok()) return OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        try {
            ZoneOffset off = ZoneOffset.ofHoursMinutes(sign * (int) (zone / 100), sign * (int) (zone % 100));
            return OffsetDateTime.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), (int) hh, (int) mm, (int) ss, 0, off);
        } catch (java.time.DateTimeException e) {
            fail("Invalid date-time");
            return OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        }
    }

    private long twoDigits() {
        int start = pos;
        long v = number();
        if (ok() && pos - start != 2) fail("Invalid time");
        return v;
    }

    /**
     * The rest of the command as text, literals inlined as quoted strings (for the FETCH item
     * parser); consumes everything.
     */
    public String rest() {
        StringBuilder sb = new StringBuilder();
        while (error == null) {
            long[] ann = Framer.announcement(line);
            int textEnd = line.length;
            if (ann != null && lineIdx < frame.lines().size() - 1) {
                textEnd = lastIndexOf(line, (byte) '{');
                if (textEnd > 0 && line[textEnd - 1] == '~') textEnd--;
            }
            if (pos < textEnd) sb.append(new String(line, pos, textEnd - pos, StandardCharsets.UTF_8));
            if (textEnd == line.length) {
                pos = line.length;
                break;
            }
            Literal l = frame.literals().get(litIdx++);
            sb.append('"').append(l.text().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            lineIdx++;
            line = frame.lines().get(lineIdx);
            pos = 0;
        }
        return sb.toString();
    }

    private static int lastIndexOf(byte[] b, byte v) {
        for (int i = b.length - 1; i >= 0; i--) if (b[i] == v) return i;
        return -1;
    }

    private String ascii(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
