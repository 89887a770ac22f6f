package dev.letterbox.imap4.message;

/**
 * A small RFC 5322 / RFC 2045 lexer over one unfolded header value (chars U+0000..U+00FF, one per
 * byte), tolerant the way widely deployed servers are: comments skipped (the last one remembered),
 * quoted strings unescaped, 8-bit bytes accepted in atoms and tokens.
 */
final class Rfc822Reader {
    private final String s;
    int pos;
    String lastComment = "";

    Rfc822Reader(String s) {
        this.s = s;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    char peek() {
        return s.charAt(pos);
    }

    /** Skips whitespace and comments; returns false if the end was reached. */
    boolean skipLwsp() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                skipComment();
            } else {
                return true;
            }
        }
        return false;
    }

    private void skipComment() {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '(') {
                if (depth++ > 0) sb.append(c);
            } else if (c == ')') {
                if (--depth == 0) {
                    lastComment = sb.toString();
                    return;
                }
                sb.append(c);
            } else if (c == '\\' && pos < s.length()) {
                sb.append(s.charAt(pos++));
            } else if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        lastComment = sb.toString();
    }

    static boolean isTspecial(char c) {
        switch (c) {
            case '(', ')', '<', '>', '@', ',', ';', ':', '\\', '"', '/', '[', ']', '?', '=':
                return true;
            default:
                return false;
        }
    }

    static boolean isAtext(char c) {
        if (c >= 0x80) return true;
        if (c <= ' ' || c == 0x7f) return false;
        switch (c) {
            case '(', ')', '<', '>', '@', ',', ';', ':', '\\', '"', '.', '[', ']':
                return false;
            default:
                return true;
        }
    }

    /** RFC 2045 token (8-bit allowed); returns "" if none. Skips trailing LWSP. */
    String mimeToken() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c <= ' ' || c == 0x7f || isTspecial(c)) break;
            pos++;
        }
        String t = s.substring(start, pos);
        skipLwsp();
        return t;
    }

    /** Atom; "" if none. Does not skip trailing LWSP. */
    String atom() {
        int start = pos;
        while (pos < s.length() && isAtext(s.charAt(pos))) pos++;
        return s.substring(start, pos);
    }

    /** Dot-atom (also tolerating obsolete dots); "" if none. */
    String dotAtom() {
        int start = pos;
        while (pos < s.length() && (isAtext(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
        return s.substring(start, pos);
    }

    /** At '"': the unescaped content; position after the closing quote (or end). */
    String quotedString() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
                sb.append(c);
            } else if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    String substring(int a, int b) {
        return s.substring(a, b);
    }

    String rest() {
        return s.substring(Math.min(pos, s.length()));
    }
}
