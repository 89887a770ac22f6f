package dev.letterbox.imap4.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.TreeMap;

/** RFC 2231 parameter value continuations and charset/percent decoding (used for SEARCH and charsets). */
final class Rfc2231 {
    private Rfc2231() {
    }

    /** Decodes a merged extended value {@code charset'lang'%XX...}. */
    static String decodeExtended(String v) {
        List<String[]> one = List.<String[]>of(new String[] {"x*", v});
        return decode(one, "x");
    }

    static String decode(List<String[]> params, String name) {
        TreeMap<Integer, String[]> sections = new TreeMap<>();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String[] p : params) {
            String k = p[0].toLowerCase(java.util.Locale.ROOT);
            if (k.equals(lower + "*")) {
                sections.put(0, new String[] {p[1], "*"});
            } else if (k.startsWith(lower + "*")) {
                String rest = k.substring(lower.length() + 1);
                boolean enc = rest.endsWith("*");
                if (enc) rest = rest.substring(0, rest.length() - 1);
                try {
                    sections.put(Integer.parseInt(rest), new String[] {p[1], enc ? "*" : ""});
                } catch (NumberFormatException e) {
                    // not a section
                }
            }
        }
        if (sections.isEmpty()) return null;
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (String[] sec : sections.values()) {
            String v = sec[0];
            boolean enc = !sec[1].isEmpty();
            if (first && enc) {
                int q1 = v.indexOf('\'');
                int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                if (q2 > 0) {
                    charset = v.substring(0, q1);
                    v = v.substring(q2 + 1);
                }
            }
            first = false;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (enc && c == '%' && i + 2 < v.length()) {
                    int h = Character.digit(v.charAt(i + 1), 16);
                    int l = Character.digit(v.charAt(i + 2), 16);
                    if (h >= 0 && l >= 0) {
                        bytes.write(h * 16 + l);
                        i += 2;
                        continue;
                    }
                }
                bytes.write(c & 0xff);
            }
        }
        Charset cs = Charsets.lookup(charset);
        return new String(bytes.toByteArray(), cs);
    }
}
