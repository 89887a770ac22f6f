package dev.letterbox.imap4.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses IMAP response values (one char per byte) into NIL (null), String (quoted or literal
 * content), Long, atoms ({@link Atom}) and List, for structural comparison in tests.
 */
final class ImapValue {
    record Atom(String text) {
    }

    private final String s;
    int p;

    ImapValue(String s) {
        this.s = s;
    }

    static Object parseOne(String s) {
        ImapValue v = new ImapValue(s);
        Object o = v.value();
        if (v.p != s.length()) throw new IllegalArgumentException("trailing: " + s.substring(v.p));
        return o;
    }

    boolean atEnd() {
        return p >= s.length();
    }

    Object value() {
        char c = s.charAt(p);
        if (c == '(') {
            p++;
            List<Object> l = new ArrayList<>();
            while (true) {
                if (s.charAt(p) == ')') {
                    p++;
                    return l;
                }
                if (s.charAt(p) == ' ') {
                    p++;
                    continue;
                }
                l.add(value());
            }
        }
        if (c == '"') {
            StringBuilder sb = new StringBuilder();
            p++;
            while (true) {
                char q = s.charAt(p++);
                if (q == '"') return sb.toString();
                if (q == '\\') q = s.charAt(p++);
                sb.append(q);
            }
        }
        if (c == '{' || c == '~') {
            if (c == '~') p++;
            int close = s.indexOf('}', p);
            int len = Integer.parseInt(s.substring(p + 1, close));
            int st = close + 3;
            p = st + len;
            return s.substring(st, st + len);
        }
        int st = p;
        while (p < s.length() && s.charAt(p) != ' ' && s.charAt(p) != ')' && s.charAt(p) != '(') p++;
        String a = s.substring(st, p);
        if (a.equals("NIL")) return null;
        if (!a.isEmpty() && a.chars().allMatch(Character::isDigit)) return Long.parseLong(a);
        return new Atom(a);
    }

    /** Splits "NAME[sect]<o> value" into name and the raw value text. */
    static String[] splitItem(String item) {
        int depth = 0;
        for (int i = 0; i < item.length(); i++) {
            char c = item.charAt(i);
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == ' ' && depth == 0) return new String[] {item.substring(0, i), item.substring(i + 1)};
        }
        return new String[] {item, ""};
    }

    /** True if the literal in value text is a literal8 (~{n}). */
    static boolean isLiteral8(String valueText) {
        return valueText.startsWith("~{");
    }
}
