package dev.letterbox.imap4.fetch;

import dev.letterbox.imap4.fetch.FetchAtt.Partial;
import dev.letterbox.imap4.fetch.FetchAtt.Section;
import dev.letterbox.imap4.fetch.FetchAtt.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parsed data items of one FETCH command (RFC 9051 §6.4.5), macros (ALL, FAST, FULL) expanded.
 *
 * <p>SEAM: implemented by the message/fetch work; the protocol machine only uses the members below.
 */
public final class FetchRequest {
    private static final int MAX_PART_DEPTH = 64;
    private final List<FetchAtt> atts;
    private final boolean needsContent;
    private final boolean setsSeen;

    private FetchRequest(List<FetchAtt> atts) {
        this.atts = List.copyOf(atts);
        boolean n = false;
        boolean s = false;
        for (FetchAtt a : atts) {
            n |= a.needsContent();
            s |= a.setsSeen();
        }
        this.needsContent = n;
        this.setsSeen = s;
    }

    /** A request of the given items (for callers that build requests directly). */
    public static FetchRequest of(List<FetchAtt> atts) {
        if (atts.isEmpty()) throw new IllegalArgumentException("no items");
        return new FetchRequest(atts);
    }

    /**
     * Parses the text of the fetch argument exactly as sent (a single item or a parenthesized list,
     * e.g. {@code (FLAGS BODY.PEEK[HEADER.FIELDS (FROM "To")]<0.100>)}). For UID FETCH
     * ({@code uidCommand}) the UID item is added if absent (RFC 9051 §6.4.9).
     *
     * @throws FetchParseException with a client-presentable message for a syntax error
     */
    public static FetchRequest parse(String text, boolean uidCommand) throws FetchParseException {
        Parser p = new Parser(text);
        List<FetchAtt> atts = new ArrayList<>();
        p.skipSpaces();
        if (p.eat('(')) {
            p.skipSpaces();
            if (p.peek() == ')') throw new FetchParseException("Empty fetch item list");
            while (true) {
                atts.add(p.att());
                if (p.eat(')')) break;
                if (!p.eat(' ')) throw new FetchParseException("Expected space or ) in fetch item list");
                p.skipSpaces();
            }
        } else {
            String macro = p.peekWord();
            switch (macro) {
                case "ALL" -> {
                    p.pos += 3;
                    atts.addAll(List.of(new FetchAtt.Flags(), new FetchAtt.InternalDate(), new FetchAtt.Rfc822Size(),
                            new FetchAtt.Envelope()));
                }
                case "FAST" -> {
                    p.pos += 4;
                    atts.addAll(List.of(new FetchAtt.Flags(), new FetchAtt.InternalDate(), new FetchAtt.Rfc822Size()));
                }
                case "FULL" -> {
                    p.pos += 4;
                    atts.addAll(List.of(new FetchAtt.Flags(), new FetchAtt.InternalDate(), new FetchAtt.Rfc822Size(),
                            new FetchAtt.Envelope(), new FetchAtt.Body()));
                }
                default -> atts.add(p.att());
            }
        }
        p.skipSpaces();
        if (!p.atEnd()) throw new FetchParseException("Unexpected text after fetch items");
        if (uidCommand && atts.stream().noneMatch(a -> a instanceof FetchAtt.Uid)) {
            atts.add(0, new FetchAtt.Uid());
        }
        return new FetchRequest(atts);
    }

    public List<FetchAtt> atts() {
        return atts;
    }

    /** True if any item needs the message bytes (sections, ENVELOPE, BODYSTRUCTURE, BINARY...). */
    public boolean needsContent() {
        return needsContent;
    }

    /** True if any item is a non-PEEK body section (RFC 822, BODY[..], BINARY[..]) that sets \Seen. */
    public boolean setsSeen() {
        return setsSeen;
    }

    @Override
    public String toString() {
        return "FetchRequest" + atts;
    }

    private static final class Parser {
        private final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        boolean eat(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpaces() {
            while (pos < s.length() && s.charAt(pos) == ' ') pos++;
        }

        /** The upper-cased run of [A-Za-z0-9.] at pos (not consumed). */
        String peekWord() {
            int e = pos;
            while (e < s.length()) {
                char c = s.charAt(e);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') e++;
                else break;
            }
            return s.substring(pos, e).toUpperCase(Locale.ROOT);
        }

        FetchAtt att() throws FetchParseException {
            String w = peekWord();
            if (w.isEmpty()) throw new FetchParseException("Expected a fetch item");
            pos += w.length();
            switch (w) {
                case "FLAGS":
                    return new FetchAtt.Flags();
                case "INTERNALDATE":
                    return new FetchAtt.InternalDate();
                case "RFC822.SIZE":
                    return new FetchAtt.Rfc822Size();
                case "UID":
                    return new FetchAtt.Uid();
                case "ENVELOPE":
                    return new FetchAtt.Envelope();
                case "BODYSTRUCTURE":
                    return new FetchAtt.BodyStructure();
                case "RFC822":
                    return new FetchAtt.Rfc822();
                case "RFC822.HEADER":
                    return new FetchAtt.Rfc822Header();
                case "RFC822.TEXT":
                    return new FetchAtt.Rfc822Text();
                case "BODY":
                    if (peek() != '[') return new FetchAtt.Body();
                    return bodySection(false);
                case "BODY.PEEK":
                    if (peek() != '[') throw new FetchParseException("BODY.PEEK needs a section");
                    return bodySection(true);
                case "BINARY":
                case "BINARY.PEEK": {
                    List<Integer> part = binaryPart();
                    return new FetchAtt.Binary(part, partial(), w.equals("BINARY.PEEK"));
                }
                case "BINARY.SIZE":
                    return new FetchAtt.BinarySize(binaryPart());
                default:
                    throw new FetchParseException("Unknown fetch item " + safe(w));
            }
        }

        private static String safe(String w) {
            return w.length() > 40 ? w.substring(0, 40) + "..." : w;
        }

        private List<Integer> binaryPart() throws FetchParseException {
            if (!eat('[')) throw new FetchParseException("BINARY needs a section");
            List<Integer> part = new ArrayList<>();
            if (!eat(']')) {
                partNumbers(part);
                if (!eat(']')) throw new FetchParseException("Invalid BINARY section");
            }
            return part;
        }

        /** Reads nz-number *("." nz-number); stops before a "." not followed by a digit. */
        private void partNumbers(List<Integer> part) throws FetchParseException {
            while (true) {
                int st = pos;
                long v = 0;
                while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
                    v = v * 10 + (s.charAt(pos) - '0');
                    if (v > Integer.MAX_VALUE) throw new FetchParseException("Part number too large");
                    pos++;
                }
                if (pos == st) throw new FetchParseException("Expected a part number");
                if (v == 0 || s.charAt(st) == '0') throw new FetchParseException("Part numbers start at 1");
                part.add((int) v);
                if (part.size() > MAX_PART_DEPTH) throw new FetchParseException("Section nested too deeply");
                if (peek() == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
                    pos++;
                    continue;
                }
                return;
            }
        }

        private FetchAtt bodySection(boolean peek) throws FetchParseException {
            eat('[');
            List<Integer> part = new ArrayList<>();
            Text text = Text.ALL;
            List<String> fields = List.of();
            if (!eat(']')) {
                if (Character.isDigit(peek())) {
                    partNumbers(part);
                    if (eat('.')) {
                        text = sectionText(true);
                    }
                } else {
                    text = sectionText(false);
                }
                if (text == Text.HEADER_FIELDS || text == Text.HEADER_FIELDS_NOT) {
                    if (!eat(' ')) throw new FetchParseException("Expected header field list");
                    fields = headerList();
                }
                if (!eat(']')) throw new FetchParseException("Invalid section");
            }
            return new FetchAtt.BodySection(new Section(part, text, fields), partial(), peek);
        }

        private Text sectionText(boolean afterPart) throws FetchParseException {
            String w = peekWord();
            pos += w.length();
            switch (w) {
                case "HEADER":
                    return Text.HEADER;
                case "HEADER.FIELDS":
                    return Text.HEADER_FIELDS;
                case "HEADER.FIELDS.NOT":
                    return Text.HEADER_FIELDS_NOT;
                case "TEXT":
                    return Text.TEXT;
                case "MIME":
                    if (!afterPart) throw new FetchParseException("MIME needs a part number");
                    return Text.MIME;
                default:
                    throw new FetchParseException("Invalid section text");
            }
        }

        private List<String> headerList() throws FetchParseException {
            if (!eat('(')) throw new FetchParseException("Expected ( for header field list");
            List<String> names = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (eat(')')) break;
                if (atEnd()) throw new FetchParseException("Unterminated header field list");
                names.add(astring());
            }
            if (names.isEmpty()) throw new FetchParseException("Empty header field list");
            return names;
        }

        private String astring() throws FetchParseException {
            char c = peek();
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                pos++;
                while (true) {
                    if (atEnd()) throw new FetchParseException("Unterminated quoted string");
                    char q = s.charAt(pos++);
                    if (q == '"') break;
                    if (q == '\\') {
                        if (atEnd()) throw new FetchParseException("Unterminated quoted string");
                        q = s.charAt(pos++);
                    }
                    if (q == '\r' || q == '\n') throw new FetchParseException("Line break in quoted string");
                    sb.append(q);
                }
                return sb.toString();
            }
            if (c == '{' || (c == '~' && pos + 1 < s.length() && s.charAt(pos + 1) == '{')) {
                int close = s.indexOf('}', pos);
                if (close < 0) throw new FetchParseException("Invalid literal");
                String num = s.substring(s.indexOf('{', pos) + 1, close);
                if (num.endsWith("+") || num.endsWith("-")) num = num.substring(0, num.length() - 1);
                int len;
                try {
                    len = Integer.parseInt(num);
                } catch (NumberFormatException e) {
                    throw new FetchParseException("Invalid literal");
                }
                int st = close + 1;
                if (s.startsWith("\r\n", st)) st += 2;
                if (len < 0 || st + len > s.length()) throw new FetchParseException("Invalid literal");
                pos = st + len;
                return s.substring(st, st + len);
            }
            int st = pos;
            while (pos < s.length()) {
                char a = s.charAt(pos);
                if (a <= ' ' || a == '(' || a == ')' || a == '{' || a == '"' || a == '\\' || a == '%' || a == '*'
                        || a == 0x7f || a == ']') {
                    break;
                }
                pos++;
            }
            if (st == pos) throw new FetchParseException("Expected a header field name");
            return s.substring(st, pos);
        }

        private Optional<Partial> partial() throws FetchParseException {
            if (!eat('<')) return Optional.empty();
            long origin = number();
            if (!eat('.')) throw new FetchParseException("Invalid partial");
            long len = number();
            if (len == 0) throw new FetchParseException("Partial length must be non-zero");
            if (!eat('>')) throw new FetchParseException("Invalid partial");
            return Optional.of(new Partial(origin, len));
        }

        private long number() throws FetchParseException {
            int st = pos;
            long v = 0;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                v = v * 10 + (s.charAt(pos) - '0');
                if (v > 0xFFFFFFFFL) throw new FetchParseException("Number too large");
                pos++;
            }
            if (st == pos) throw new FetchParseException("Expected a number");
            return v;
        }
    }
}
