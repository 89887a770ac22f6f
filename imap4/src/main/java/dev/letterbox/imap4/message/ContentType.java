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
        // "text" alone is kept as type "text" with an empty subtype; anything else broken is "" ""
        if (!type.isEmpty() && r.atEnd()) return new ContentType(type, "", List.of(), false);
        if (type.isEmpty() || r.peek() != '/') return new ContentType("", "", List.of(), false);
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
        return new ContentType(token, "", parseParams(r), true);
    }

    /**
     * Parameters after the type: {@code *(";" attribute "=" value)}. A broken parameter is skipped
     * by stepping one character and retrying (as Dovecot does), so {@code "; ;;; a=b"} still
     * yields {@code a=b} while {@code ";; a=b"} yields nothing.
     */
    static List<String[]> parseParams(Rfc822Reader r) {
        List<String[]> out = new ArrayList<>();
        int guard = 0;
        while (guard++ < 100_000) {
            if (r.atEnd()) break;
            String[] kv = param(r);
            if (kv == null) {
                if (r.atEnd()) break;
                r.pos++;
                continue;
            }
            out.add(kv);
        }
        return mergeRfc2231(out);
    }

    /**
     * RFC 2231 §3-4 continuations ({@code name*0*=..; name*1*=..}) are merged into one parameter
     * ({@code name*}, or {@code name} when not extended), values concatenated but not decoded;
     * merged parameters follow the plain ones, ordered by name. If an index is missing, the
     * pieces are kept as they are.
     */
    static List<String[]> mergeRfc2231(List<String[]> raw) {
        List<String[]> plain = new ArrayList<>();
        List<Object[]> ext = new ArrayList<>(); // key, idx, extended, value, original key
        for (String[] kv : raw) {
            String key = kv[0];
            int star = key.indexOf('*');
            boolean ok = false;
            if (star >= 0) {
                int p = star + 1;
                int idx = 0;
                if (p == key.length()) p = star; // "name*": index 0, extended
                while (p < key.length() && Character.isDigit(key.charAt(p)) && key.charAt(p) < 128) {
                    idx = idx * 10 + (key.charAt(p) - '0');
                    p++;
                }
                boolean extended = p < key.length() && key.charAt(p) == '*';
                if (extended) p++;
                if (p == key.length()) {
                    ext.add(new Object[] {key.substring(0, star), idx, extended, kv[1]});
                    ok = true;
                }
            }
            if (!ok) plain.add(kv);
        }
        if (ext.isEmpty()) return List.copyOf(plain);
        ext.sort((a, b) -> {
            int c = ((String) a[0]).compareToIgnoreCase((String) b[0]);
            return c != 0 ? c : Integer.compare((Integer) a[1], (Integer) b[1]);
        });
        for (int i = 0, j; i < ext.size(); i = j) {
            boolean ok = true;
            int next = 0;
            for (j = i; j < ext.size(); j++) {
                if (!((String) ext.get(i)[0]).equalsIgnoreCase((String) ext.get(j)[0])) break;
                if ((Integer) ext.get(j)[1] != next) ok = false;
                next++;
            }
            if (ok) {
                StringBuilder v = new StringBuilder();
                for (int k = i; k < j; k++) v.append((String) ext.get(k)[3]);
                String key = (String) ext.get(i)[0] + ((Boolean) ext.get(i)[2] ? "*" : "");
                plain.add(new String[] {key, v.toString()});
            } else {
                for (int k = i; k < j; k++) {
                    Object[] e = ext.get(k);
                    plain.add(new String[] {e[0] + "*" + e[1] + ((Boolean) e[2] ? "*" : ""), (String) e[3]});
                }
            }
        }
        return List.copyOf(plain);
    }

    private static String[] param(Rfc822Reader r) {
        if (r.peek() != ';') return null;
        r.pos++;
        if (!r.skipLwsp()) return null;
        String key = r.mimeToken();
        if (r.atEnd() || r.peek() != '=') return null;
        r.pos++;
        String val;
        if (!r.skipLwsp()) {
            val = "";
        } else if (r.peek() == '"') {
            val = r.quotedString();
            r.skipLwsp();
        } else if (r.peek() == '=') {
            // broken input such as name==?utf-8?b?...?=
            String s = r.rest();
            int k = 0;
            while (k < s.length() && ";\t\r\n ".indexOf(s.charAt(k)) < 0) k++;
            r.pos += k;
            val = s.substring(0, k);
            r.skipLwsp();
        } else {
            val = r.mimeToken();
        }
        return new String[] {key, val};
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
        for (String[] p : params) {
            if (p[0].equalsIgnoreCase(name + "*")) return Rfc2231.decodeExtended(p[1]);
        }
        return Rfc2231.decode(params, name);
    }
}
