package dev.letterbox.imap4.message;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed Content-Type (or Content-Disposition) value: type and subtype as written (case kept),
 * and the parameters raw, in order, names and values as written (RFC 2231 sections and charsets are
 * not decoded here; see {@link #param}). An unparsable type yields empty type and subtype and no
 * parameters (RFC 2045 §5.2 leaves this open; Dovecot does the same).
 *
 * @param valid whether "type/subtype" parsed
 */
public record ContentType(String type, String subtype, List<String[]> params, boolean valid) {

    /** Parses a Content-Type header value (unfolded). */
    public static ContentType parse(String value) {
        Rfc822Reader r = new Rfc822Reader(value);
        if (!r.skipLwsp()) return new ContentType("", "", List.of(), false);
        String type = r.mimeToken();
        if (type.isEmpty() || r.atEnd() || r.peek() != '/') return new ContentType("", "", List.of(), false);
        r.pos++;
        if (!r.skipLwsp()) return new ContentType("", "", List.of(), false);
        String sub = r.mimeToken();
        if (sub.isEmpty()) return new ContentType("", "", List.of(), false);
        return new ContentType(type, sub, parseParams(r), true);
    }

    /** Parses a Content-Disposition value: the token and its parameters; null if no token. */
    public static ContentType parseDisposition(String value) {
        Rfc822Reader r = new Rfc822Reader(value);
        r.skipLwsp();
        String token = r.mimeToken();
        if (token.isEmpty() && !r.atEnd() && r.peek() != ';') return null;
        return new ContentType(token, "", parseParams(r), true);
    }

    static List<String[]> parseParams(Rfc822Reader r) {
        List<String[]> out = new ArrayList<>();
        while (!r.atEnd()) {
            if (r.peek() != ';') break;
            r.pos++;
            if (!r.skipLwsp()) break;
            String key = r.mimeToken();
            if (key.isEmpty() || r.atEnd() || r.peek() != '=') break;
            r.pos++;
            String val;
            boolean ok = true;
            if (!r.skipLwsp()) {
                val = "";
            } else if (r.peek() == '"') {
                val = r.quotedString();
                r.skipLwsp();
            } else if (r.peek() == '=') {
                int st = r.pos;
                String s = r.rest();
                int k = 0;
                while (k < s.length() && ";\t\r\n ".indexOf(s.charAt(k)) < 0) k++;
                r.pos = st + k;
                val = s.substring(0, k);
                r.skipLwsp();
            } else {
                val = r.mimeToken();
            }
            if (!ok) break;
            out.add(new String[] {key, val});
        }
        return List.copyOf(out);
    }

    public boolean is(String t, String s) {
        return type.equalsIgnoreCase(t) && subtype.equalsIgnoreCase(s);
    }

    /**
     * A parameter value by name (case-insensitive), with RFC 2231 continuations and charset
     * decoding applied when the plain form is absent; null if none.
     */
    public String param(String name) {
        for (String[] p : params) {
            if (p[0].equalsIgnoreCase(name)) return p[1];
        }
        return Rfc2231.decode(params, name);
    }
}
