package dev.letterbox.imap4.message;

import java.util.ArrayList;
import java.util.List;

/**
 * A tolerant RFC 5322 §3.4 address-list parser producing the IMAP ENVELOPE address structure
 * (RFC 3501 §7.4.2): name, source route, mailbox, host. Group syntax yields a start marker
 * {@code (NIL NIL "group" NIL)} and an end marker {@code (NIL NIL NIL NIL)}. Encoded words stay
 * encoded; quoted strings are unquoted; a trailing comment serves as the name of a bare addr-spec.
 * Unparsable pieces get the placeholders MISSING_MAILBOX / MISSING_DOMAIN (as Dovecot).
 */
final class AddressParser {

    /** One ENVELOPE address; a group start has host null and mailbox = group name; a group end is all null. */
    record Address(String name, String route, String mailbox, String host) {
        boolean isGroupMarker() {
            return host == null;
        }
    }

    private final Rfc822Reader r;
    private final List<Address> out = new ArrayList<>();
    private String name;
    private String route;
    private String mailbox;
    private String host;

    private AddressParser(String value) {
        r = new Rfc822Reader(value);
    }

    /** Parses an unfolded address header value. */
    static List<Address> parse(String value) {
        AddressParser p = new AddressParser(value);
        if (!p.r.skipLwsp()) return List.of();
        p.addressList();
        return p.out;
    }

    private void addressList() {
        int guard = 0;
        while (guard++ < 10_000) {
            int ret = address();
            if (ret == 0) break;
            if (r.atEnd() || r.peek() != ',') break;
            r.pos++;
            if (!r.skipLwsp()) break;
        }
    }

    private int address() {
        int start = r.pos;
        int ret = group();
        if (ret < 0) {
            r.pos = start;
            ret = mailbox();
        }
        return ret;
    }

    private int group() {
        StringBuilder sb = new StringBuilder();
        if (phrase(sb) <= 0 || r.atEnd() || r.peek() != ':') return -1;
        r.pos++;
        boolean more = r.skipLwsp();
        out.add(new Address(null, null, sb.toString(), null));
        int ret = more ? 1 : 0;
        if (more && r.peek() != ';') {
            while (true) {
                mailbox();
                if (r.atEnd() || r.peek() != ',') break;
                r.pos++;
                if (!r.skipLwsp()) {
                    ret = -1;
                    break;
                }
            }
        }
        if (ret >= 0) {
            if (r.atEnd() || r.peek() != ';') {
                ret = -1;
            } else {
                r.pos++;
                ret = r.skipLwsp() ? 1 : 0;
            }
        }
        out.add(new Address(null, null, null, null));
        return ret == 0 ? 0 : 1;
    }

    private int mailbox() {
        name = null;
        route = null;
        mailbox = null;
        host = null;
        int start = r.pos;
        int ret = nameAddr();
        if (ret == Integer.MIN_VALUE) {
            r.pos = start;
            name = null;
            route = null;
            mailbox = null;
            host = null;
            ret = addrSpec(false);
        }
        if (mailbox == null) mailbox = "MISSING_MAILBOX";
        if (host == null) host = "MISSING_DOMAIN";
        out.add(new Address(name, route, mailbox, host));
        return ret;
    }

    /** Returns MIN_VALUE if this is not a name-addr. */
    private int nameAddr() {
        StringBuilder sb = new StringBuilder();
        if (r.atEnd()) return Integer.MIN_VALUE;
        if (r.peek() != '<') {
            if (phrase(sb) <= 0 || r.atEnd() || r.peek() != '<') return Integer.MIN_VALUE;
        }
        name = sb.length() == 0 ? null : sb.toString();
        if (angleAddr() < 0) {
            host = "SYNTAX_ERROR";
            return -1;
        }
        return r.atEnd() ? 0 : 1;
    }

    private int angleAddr() {
        r.pos++; // '<'
        if (!r.skipLwsp()) return -1;
        if (r.peek() == '@') {
            StringBuilder rt = new StringBuilder();
            boolean ok = domainList(rt);
            route = rt.toString();
            if (ok && !r.atEnd() && r.peek() == ':') {
                r.pos++;
            } else {
                route = "INVALID_ROUTE";
                if (r.atEnd()) return -1;
            }
            if (!r.skipLwsp()) return -1;
        }
        if (r.peek() != '>') {
            if (addrSpec(true) < 0) return -1;
            if (r.atEnd() || r.peek() != '>') return -1;
        }
        r.pos++;
        return r.skipLwsp() ? 1 : 0;
    }

    private boolean domainList(StringBuilder rt) {
        while (true) {
            if (r.atEnd() || r.peek() != '@') return false;
            r.pos++;
            r.skipLwsp();
            String dom = domainPart();
            if (dom.isEmpty()) return false;
            rt.append('@').append(dom);
            if (r.atEnd()) return false;
            if (r.peek() != ',') return true;
            while (!r.atEnd() && r.peek() == ',') {
                r.pos++;
                if (!r.skipLwsp()) return false;
            }
            rt.append(',');
        }
    }

    private String domainPart() {
        if (!r.atEnd() && r.peek() == '[') {
            StringBuilder sb = new StringBuilder();
            while (!r.atEnd()) {
                char c = r.peek();
                r.pos++;
                if (c == '\\' && !r.atEnd()) {
                    sb.append(c).append(r.peek());
                    r.pos++;
                    continue;
                }
                if (c == '\r' || c == '\n') continue;
                sb.append(c);
                if (c == ']') break;
            }
            r.skipLwsp();
            return sb.toString();
        }
        return dotAtom();
    }

    /** dot-atom with CFWS allowed around the dots; skips trailing LWSP. */
    private String dotAtom() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String a = r.atom();
            sb.append(a);
            boolean more = r.skipLwsp();
            if (!more || r.peek() != '.') break;
            sb.append('.');
            r.pos++;
            if (!r.skipLwsp()) break;
            if (a.isEmpty() && !Rfc822Reader.isAtext(r.peek()) && r.peek() != '.') break;
        }
        return sb.toString();
    }

    private int addrSpec(boolean inAngle) {
        r.lastComment = "";
        boolean quoted = !r.atEnd() && r.peek() == '"';
        int ret;
        String local;
        if (quoted) {
            local = r.quotedString();
            ret = r.skipLwsp() ? 1 : 0;
        } else {
            local = dotAtom();
            ret = local.isEmpty() ? -1 : (r.atEnd() ? 0 : 1);
        }
        if (ret >= 0 || !local.isEmpty()) mailbox = local;
        int ret2 = -2;
        if (ret != 0 && !r.atEnd() && r.peek() == '@') {
            r.pos++;
            r.skipLwsp();
            String dom = domainPart();
            if (dom.isEmpty()) {
                ret2 = -1;
            } else {
                host = dom;
                ret2 = r.atEnd() ? 0 : 1;
            }
            ret = ret2;
        }
        if (!r.lastComment.isEmpty()) {
            name = r.lastComment;
        } else if (ret2 == -2 && !inAngle) {
            // a user without @domain: if more words follow, it was a display name
            StringBuilder sb = new StringBuilder(local);
            sb.append(' ');
            int len = sb.length();
            if (!r.atEnd()) phrase(sb);
            if (sb.length() != len) {
                mailbox = null;
                name = sb.toString();
            }
            ret = -1;
        }
        return ret;
    }

    /** RFC 5322 phrase (obs-phrase: dots allowed), words joined by one space. */
    private int phrase(StringBuilder sb) {
        if (r.atEnd()) return 0;
        if (r.peek() == '.') return -1;
        while (true) {
            if (r.peek() == '"') {
                sb.append(r.quotedString());
            } else {
                int st = r.pos;
                while (!r.atEnd() && (Rfc822Reader.isAtext(r.peek()) || r.peek() == '.')) r.pos++;
                if (r.pos == st) return -1;
                sb.append(stringBetween(st, r.pos));
            }
            if (!r.skipLwsp()) return 0;
            char c = r.peek();
            if (!Rfc822Reader.isAtext(c) && c != '"' && c != '.') break;
            sb.append(' ');
        }
        return 1;
    }

    private String stringBetween(int a, int b) {
        return r.substring(a, b);
    }
}
