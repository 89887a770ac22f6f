package dev.letterbox.smtp.internal;

import dev.letterbox.smtp.MailFrom;
import dev.letterbox.smtp.RcptTo;
import dev.letterbox.smtp.SmtpException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses the arguments of MAIL and RCPT (RFC 5321 §4.1.2 paths, §4.1.1.11 esmtp parameters) with
 * the parameters of SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8 (RFC 6531), AUTH (RFC 4954 §5) and
 * DSN (RFC 3461). Failures are {@link SmtpException}s carrying the reply to send.
 */
public final class Envelope {
    /** RFC 5321 §4.5.3.1.3: the maximum total length of a reverse-path or forward-path. */
    static final int MAX_PATH = 256;
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    /** Which extensions are on: unknown or disabled parameters are refused with 555 5.5.4. */
    public record Extensions(boolean size, boolean eightBitMime, boolean smtpUtf8, boolean dsn, boolean auth) {
    }

    private Envelope() {
    }

    static MailFrom parseMail(String args, Extensions ext) {
        String rest = expectPrefix(args, "FROM:", "501", "5.5.4", "Syntax: MAIL FROM:<address> [parameters]");
        int[] end = new int[1];
        String rawPath = splitPath(rest, end, "5.1.7", "sender");
        Map<String, String> params = params(rest.substring(end[0]));
        OptionalLong size = OptionalLong.empty();
        MailFrom.BodyType body = MailFrom.BodyType.SEVEN_BIT;
        boolean utf8 = false;
        Optional<String> auth = Optional.empty();
        Optional<MailFrom.DsnReturn> ret = Optional.empty();
        Optional<String> envid = Optional.empty();
        for (var p : params.entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    if (!ext.size) unknownParam(p.getKey());
                    if (v == null || !v.matches("[0-9]{1,20}")) throw syntax("5.5.4", "Bad SIZE parameter");
                    try {
                        size = OptionalLong.of(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        size = OptionalLong.of(Long.MAX_VALUE); // larger than any limit
                    }
                }
                case "BODY" -> {
                    if (!ext.eightBitMime) unknownParam(p.getKey());
                    String b = v == null ? "" : v.toUpperCase(Locale.ROOT);
                    if (b.equals("7BIT")) body = MailFrom.BodyType.SEVEN_BIT;
                    else if (b.equals("8BITMIME")) body = MailFrom.BodyType.EIGHT_BIT_MIME;
                    else throw new SmtpException(555, "5.5.4", "Unsupported BODY type");
                }
                case "SMTPUTF8" -> {
                    if (!ext.smtpUtf8) unknownParam(p.getKey());
                    if (v != null) throw syntax("5.5.4", "SMTPUTF8 takes no value");
                    utf8 = true;
                }
                case "AUTH" -> {
                    if (!ext.auth) unknownParam(p.getKey());
                    if (v == null) throw syntax("5.5.4", "Bad AUTH parameter");
                    auth = Optional.of(v.equals("<>") ? v : Xtext.decode(v, 500, "AUTH"));
                }
                case "RET" -> {
                    if (!ext.dsn) unknownParam(p.getKey());
                    String r = v == null ? "" : v.toUpperCase(Locale.ROOT);
                    if (r.equals("FULL")) ret = Optional.of(MailFrom.DsnReturn.FULL);
                    else if (r.equals("HDRS")) ret = Optional.of(MailFrom.DsnReturn.HDRS);
                    else throw syntax("5.5.4", "RET must be FULL or HDRS");
                }
                case "ENVID" -> {
                    if (!ext.dsn) unknownParam(p.getKey());
                    if (v == null) throw syntax("5.5.4", "Bad ENVID parameter");
                    envid = Optional.of(Xtext.decode(v, 100, "ENVID")); // RFC 3461 §4.4: at most 100 chars
                }
                default -> unknownParam(p.getKey());
            }
        }
        String address = rawPath.equals("<>") ? "" : mailbox(rawPath, utf8, false, "5.1.7", "sender");
        return new MailFrom(address, size, body, utf8, auth, ret, envid);
    }

    static RcptTo parseRcpt(String args, Extensions ext, boolean utf8) {
        String rest = expectPrefix(args, "TO:", "501", "5.5.4", "Syntax: RCPT TO:<address> [parameters]");
        int[] end = new int[1];
        String rawPath = splitPath(rest, end, "5.1.3", "recipient");
        Map<String, String> params = params(rest.substring(end[0]));
        Set<RcptTo.DsnNotify> notify = EnumSet.noneOf(RcptTo.DsnNotify.class);
        Optional<RcptTo.OriginalRecipient> orcpt = Optional.empty();
        for (var p : params.entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case "NOTIFY" -> {
                    if (!ext.dsn) unknownParam(p.getKey());
                    notify = notify(v);
                }
                case "ORCPT" -> {
                    if (!ext.dsn) unknownParam(p.getKey());
                    orcpt = Optional.of(orcpt(v));
                }
                default -> unknownParam(p.getKey());
            }
        }
        if (rawPath.equals("<>")) throw syntax("5.1.3", "Bad recipient address syntax");
        String address = mailbox(rawPath, utf8, true, "5.1.3", "recipient");
        return new RcptTo(address, notify, orcpt);
    }

    private static Set<RcptTo.DsnNotify> notify(String v) {
        if (v == null || v.isEmpty()) throw syntax("5.5.4", "Bad NOTIFY parameter");
        Set<RcptTo.DsnNotify> set = EnumSet.noneOf(RcptTo.DsnNotify.class);
        for (String s : v.split(",", -1)) {
            try {
                if (!set.add(RcptTo.DsnNotify.valueOf(s.toUpperCase(Locale.ROOT)))) throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                throw syntax("5.5.4", "Bad NOTIFY parameter");
            }
        }
        // RFC 3461 §4.1: NEVER must appear alone
        if (set.contains(RcptTo.DsnNotify.NEVER) && set.size() > 1) throw syntax("5.5.4", "NOTIFY=NEVER must appear alone");
        return set;
    }

    private static RcptTo.OriginalRecipient orcpt(String v) {
        int semi = v == null ? -1 : v.indexOf(';');
        if (semi <= 0 || semi == v.length() - 1) throw syntax("5.5.4", "Bad ORCPT parameter");
        String type = v.substring(0, semi);
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c > 126 || c <= 32 || "()<>@,;:\\\".[]".indexOf(c) >= 0) throw syntax("5.5.4", "Bad ORCPT address type");
        }
        return new RcptTo.OriginalRecipient(type, Xtext.decode(v.substring(semi + 1), 500, "ORCPT"));
    }

    private static String expectPrefix(String args, String prefix, String code, String enh, String text) {
        if (args.length() < prefix.length() || !args.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new SmtpException(Integer.parseInt(code), enh, text);
        }
        String rest = args.substring(prefix.length());
        // widespread client bug: "MAIL FROM: <a@b>" — tolerated (Postfix and others accept it)
        while (rest.startsWith(" ")) rest = rest.substring(1);
        return rest;
    }

    /** Returns the path including its angle brackets; {@code end[0]} is where parameters start. */
    private static String splitPath(String s, int[] end, String enh, String what) {
        if (!s.startsWith("<")) throw syntax(enh, "Bad " + what + " address syntax: angle brackets required");
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                if (i + 1 < s.length() && s.charAt(i + 1) != ' ') throw syntax(enh, "Bad " + what + " address syntax");
                end[0] = i + 1;
                String path = s.substring(0, i + 1);
                if (path.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH) {
                    throw syntax(enh, "Address too long");
                }
                return path;
            }
        }
        throw syntax(enh, "Bad " + what + " address syntax");
    }

    private static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String token : s.split(" ")) {
            if (token.isEmpty()) continue;
            int eq = token.indexOf('=');
            String key = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : token.substring(eq + 1);
            if (key.isEmpty() || !key.matches("[A-Z0-9][A-Z0-9-]*")) throw syntax("5.5.4", "Bad parameter syntax");
            if (value != null) {
                if (value.isEmpty()) throw syntax("5.5.4", "Bad parameter syntax");
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c < 33 || c == '=' || c == 127) throw syntax("5.5.4", "Bad parameter syntax");
                }
            }
            if (out.containsKey(key)) throw syntax("5.5.4", "Duplicate parameter " + key);
            out.put(key, value);
        }
        return out;
    }

    private static void unknownParam(String key) {
        throw new SmtpException(555, "5.5.4", "Unsupported parameter " + key);
    }

    /** Validates {@code <[route:]local@domain>} and returns {@code local@domain}. */
    private static String mailbox(String path, boolean utf8, boolean rcpt, String enh, String what) {
        String inner = path.substring(1, path.length() - 1);
        if (inner.startsWith("@")) { // RFC 5321 §4.1.2 A-d-l source route: accepted and ignored
            int colon = inner.indexOf(':');
            if (colon < 0) throw syntax(enh, "Bad " + what + " address syntax");
            for (String hop : inner.substring(0, colon).split(",", -1)) {
                if (!hop.startsWith("@") || !isDomain(hop.substring(1), utf8)) throw syntax(enh, "Bad " + what + " address syntax");
            }
            inner = inner.substring(colon + 1);
        }
        boolean ascii = inner.chars().allMatch(c -> c < 128);
        if (!ascii && !utf8) {
            throw new SmtpException(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
        }
        if (rcpt && inner.equalsIgnoreCase("postmaster")) return inner; // RFC 5321 §4.1.1.3
        int at = localPartEnd(inner);
        if (at <= 0 || at >= inner.length() - 1 || inner.charAt(at) != '@') throw syntax(enh, "Bad " + what + " address syntax");
        String domain = inner.substring(at + 1);
        if (!isDomain(domain, utf8) && !isAddressLiteral(domain)) throw syntax(enh, "Bad " + what + " address syntax");
        return inner;
    }

    /** Index of the {@code @} after a valid Dot-string or Quoted-string local part, or -1. */
    private static int localPartEnd(String s) {
        if (s.startsWith("\"")) {
            for (int i = 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= s.length() || s.charAt(i + 1) < 32 || s.charAt(i + 1) == 127) return -1;
                    i++;
                } else if (c == '"') {
                    return i + 1 < s.length() ? i + 1 : -1;
                } else if (c < 32 || c == 127) {
                    return -1;
                }
            }
            return -1;
        }
        int i = 0;
        boolean atomStart = true;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '@') break;
            if (c == '.') {
                if (atomStart) return -1;
                atomStart = true;
            } else if (isAtext(c)) {
                atomStart = false;
            } else {
                return -1;
            }
        }
        return atomStart ? -1 : i;
    }

    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATEXT_SPECIALS.indexOf(c) >= 0
                || c >= 128;
    }

    static boolean isDomain(String d, boolean utf8) {
        if (d.isEmpty() || d.length() > 255) return false;
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) return false;
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                        || (utf8 && c >= 128);
                if (!ok) return false;
            }
        }
        return true;
    }

    static boolean isAddressLiteral(String d) {
        if (d.length() < 3 || d.charAt(0) != '[' || d.charAt(d.length() - 1) != ']') return false;
        String body = d.substring(1, d.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c < 33 || c > 126 || c == '[' || c == ']' || c == '\\') return false;
        }
        return true;
    }

    private static SmtpException syntax(String enh, String text) {
        return new SmtpException(501, enh, text);
    }
}
