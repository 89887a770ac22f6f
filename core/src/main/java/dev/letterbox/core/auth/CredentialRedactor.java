package dev.letterbox.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Removes credentials from client lines before they reach wire traces and logs; the one place every
 * protocol uses. Secrets are replaced by {@value #MASK}; user names and mechanism names stay.
 *
 * <ul>
 *   <li>IMAP: {@code a LOGIN user pass} → {@code a LOGIN user ***} (user and password may be atoms,
 *       quoted strings or literals; see below), {@code a AUTHENTICATE PLAIN <ir>} →
 *       {@code a AUTHENTICATE PLAIN ***}.</li>
 *   <li>POP3: {@code PASS x} → {@code PASS ***}, {@code APOP user digest} → {@code APOP user ***},
 *       {@code AUTH PLAIN <ir>} → {@code AUTH PLAIN ***}.</li>
 *   <li>SMTP: {@code AUTH PLAIN <ir>} / {@code AUTH LOGIN <ir>} → {@code AUTH PLAIN ***}.</li>
 *   <li>Any line inside a SASL exchange → {@code ***}, except the cancel line {@code *}.</li>
 * </ul>
 *
 * <p>IMAP literals: the line may be one line ending in a literal marker ({@code a LOGIN {5}}) or a whole
 * command with literal contents inline, each marker followed by CRLF and the literal's octets
 * ({@code a LOGIN {5}\r\nalice {6}\r\nsecret}); the password literal's content is masked. When a session
 * reports the lines of a command one by one, it asks {@link #secretLiteralFollows} whether the literal
 * announced at the end of a line is the password, and then reports its content as {@value #MASK}.
 * Text that cannot be parsed after {@code LOGIN} is masked entirely.
 */
public final class CredentialRedactor {
    public static final String MASK = "***";

    private CredentialRedactor() {
    }

    /**
     * @param protocol       {@code imap}, {@code pop3} or {@code smtp} (case-insensitive; {@code imap4},
     *                       {@code submission} also accepted)
     * @param line           the client line without CRLF (IMAP: possibly the whole command with literals)
     * @param inSaslExchange whether the line is a response inside a SASL exchange
     */
    public static String clientLine(String protocol, String line, boolean inSaslExchange) {
        if (inSaslExchange) return line.equals("*") ? line : MASK;
        switch (kind(protocol)) {
            case IMAP: {
                int tagEnd = token(line, 0).length();
                if (tagEnd >= line.length()) return line;
                String verb = token(line, tagEnd + 1);
                if (verb.equalsIgnoreCase("LOGIN")) return imapLogin(line, tagEnd + 1 + verb.length());
                if (verb.equalsIgnoreCase("AUTHENTICATE")) return keepTokens(line, 3);
                return line;
            }
            case POP3: {
                String verb = token(line, 0).toUpperCase(Locale.ROOT);
                return switch (verb) {
                    case "PASS" -> keepTokens(line, 1);
                    case "APOP", "AUTH" -> keepTokens(line, 2);
                    default -> line;
                };
            }
            default:
                return token(line, 0).equalsIgnoreCase("AUTH") ? keepTokens(line, 2) : line;
        }
    }

    /**
     * IMAP only: whether the literal announced at the end of {@code textSoFar} (a LOGIN command up to and
     * including a {@code {n}} or {@code {n+}} marker) carries the password.
     */
    public static boolean secretLiteralFollows(String protocol, String textSoFar) {
        if (kind(protocol) != Kind.IMAP) return false;
        int tagEnd = token(textSoFar, 0).length();
        if (tagEnd >= textSoFar.length()) return false;
        String verb = token(textSoFar, tagEnd + 1);
        if (!verb.equalsIgnoreCase("LOGIN")) return false;
        int pos = tagEnd + 1 + verb.length();
        if (pos >= textSoFar.length() || textSoFar.charAt(pos) != ' ') return false;
        int userEnd = skipAstring(textSoFar, pos + 1);
        if (userEnd < 0 || userEnd >= textSoFar.length() || textSoFar.charAt(userEnd) != ' ') return false;
        int markerEnd = literalMarkerEnd(textSoFar, userEnd + 1);
        return markerEnd == textSoFar.length();
    }

    private enum Kind { IMAP, POP3, SMTP }

    private static Kind kind(String protocol) {
        return switch (protocol.toLowerCase(Locale.ROOT)) {
            case "imap", "imap4", "imaps" -> Kind.IMAP;
            case "pop3", "pop3s", "pop" -> Kind.POP3;
            case "smtp", "submission", "submissions", "smtps" -> Kind.SMTP;
            default -> throw new IllegalArgumentException("unknown protocol " + protocol);
        };
    }

    /** {@code tag LOGIN} ends at {@code pos}: keep the user name, mask the password. */
    private static String imapLogin(String line, int pos) {
        if (pos >= line.length()) return line;
        if (line.charAt(pos) != ' ') return line.substring(0, pos) + " " + MASK;
        int userEnd = skipAstring(line, pos + 1);
        if (userEnd < 0) return line.substring(0, pos) + " " + MASK;
        if (userEnd == line.length()) return line; // user only, or a user literal still to come
        if (line.charAt(userEnd) != ' ') return line.substring(0, pos) + " " + MASK;
        if (literalMarkerEnd(line, userEnd + 1) == line.length()) return line; // password literal still to come
        return line.substring(0, userEnd) + " " + MASK;
    }

    /**
     * Skips an IMAP astring (atom, quoted string or literal with inline content) starting at {@code pos};
     * returns the index after it, the text length if a literal's content has not arrived yet, or -1 if
     * malformed.
     */
    private static int skipAstring(String s, int pos) {
        if (pos >= s.length()) return -1;
        char c = s.charAt(pos);
        if (c == '"') {
            for (int i = pos + 1; i < s.length(); i++) {
                char q = s.charAt(i);
                if (q == '\\') i++;
                else if (q == '"') return i + 1;
            }
            return -1;
        }
        if (c == '{' || c == '~') {
            int markerEnd = literalMarkerEnd(s, pos);
            if (markerEnd < 0) return -1;
            if (markerEnd == s.length()) return markerEnd;
            if (!s.startsWith("\r\n", markerEnd)) return -1;
            long octets = Long.parseLong(s.substring(s.indexOf('{', pos) + 1, s.indexOf('}', pos)).replace("+", ""));
            int i = markerEnd + 2;
            long seen = 0;
            while (seen < octets && i < s.length()) {
                int cp = s.codePointAt(i);
                seen += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                i += Character.charCount(cp);
            }
            return seen == octets ? i : -1;
        }
        int end = pos;
        while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '\r' && s.charAt(end) != '\n') end++;
        return end == pos ? -1 : end;
    }

    /** The index after a literal marker {@code {n}}, {@code {n+}} or {@code ~{n}} at {@code pos}, or -1. */
    private static int literalMarkerEnd(String s, int pos) {
        int i = pos;
        if (i < s.length() && s.charAt(i) == '~') i++;
        if (i >= s.length() || s.charAt(i) != '{') return -1;
        int digits = ++i;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80) i++;
        if (i == digits || i - digits > 18) return -1;
        if (i < s.length() && s.charAt(i) == '+') i++;
        return i < s.length() && s.charAt(i) == '}' ? i + 1 : -1;
    }

    /** The token at {@code pos}, ending at a space or tab (tabs count as separators so no secret slips through). */
    private static String token(String s, int pos) {
        int end = Math.min(pos, s.length());
        while (end < s.length() && !isSep(s.charAt(end))) end++;
        return s.substring(Math.min(pos, s.length()), end);
    }

    private static boolean isSep(char c) {
        return c == ' ' || c == '\t';
    }

    /** Keeps the first {@code n} space-separated tokens; anything after them becomes {@value #MASK}. */
    private static String keepTokens(String line, int n) {
        int i = 0;
        for (int t = 0; t < n; t++) {
            while (i < line.length() && isSep(line.charAt(i))) i++;
            if (i >= line.length()) return line;
            while (i < line.length() && !isSep(line.charAt(i))) i++;
        }
        int rest = i;
        while (rest < line.length() && isSep(line.charAt(rest))) rest++;
        return rest >= line.length() ? line : line.substring(0, i) + " " + MASK;
    }
}
