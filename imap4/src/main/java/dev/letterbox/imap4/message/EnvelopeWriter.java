package dev.letterbox.imap4.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the ENVELOPE structure of a header (RFC 3501 §7.4.2 / RFC 9051 §7.5.2): date, subject,
 * from, sender, reply-to, to, cc, bcc, in-reply-to, message-id. Strings are the raw header text
 * (encoded words not decoded, 8-bit bytes passed through) with folds replaced by a space; absent
 * fields are NIL; sender and reply-to default to from. Repeated address fields are merged as if
 * comma-separated; for the other fields the last occurrence counts. The subject and display names are
 * "for humans": whitespace runs become one space, trimmed.
 */
final class EnvelopeWriter {
    private EnvelopeWriter() {
    }

    static void write(HeaderBlock h, ImapBuf out) {
        String date = null;
        String subject = null;
        String inReplyTo = null;
        String messageId = null;
        List<List<AddressParser.Address>> addr = new ArrayList<>(6);
        for (int k = 0; k < 6; k++) addr.add(null);
        for (int i = 0; i < h.size(); i++) {
            if (!h.hasColon(i)) continue;
            int kind = kind(h, i);
            if (kind < 0) continue;
            if (kind < 4) {
                // the last occurrence counts (as Dovecot does)
                String v = kind == 1 ? h.rawValue(i) : h.value(i);
                switch (kind) {
                    case 0 -> date = v;
                    case 1 -> subject = v;
                    case 2 -> inReplyTo = v;
                    default -> messageId = v;
                }
            } else {
                int a = kind - 4;
                List<AddressParser.Address> list = AddressParser.parse(h.rawValue(i));
                if (addr.get(a) == null) {
                    addr.set(a, new ArrayList<>(list));
                } else {
                    addr.get(a).addAll(list);
                }
            }
        }
        out.write('(');
        out.nstring(date).write(' ');
        out.nhumans(subject).write(' ');
        List<AddressParser.Address> from = addr.get(0);
        writeAddresses(out, from);
        out.write(' ');
        writeAddresses(out, nonEmpty(addr.get(1)) ? addr.get(1) : from);
        out.write(' ');
        writeAddresses(out, nonEmpty(addr.get(2)) ? addr.get(2) : from);
        out.write(' ');
        writeAddresses(out, addr.get(3));
        out.write(' ');
        writeAddresses(out, addr.get(4));
        out.write(' ');
        writeAddresses(out, addr.get(5));
        out.write(' ');
        out.nstring(inReplyTo).write(' ');
        out.nstring(messageId);
        out.write(')');
    }

    private static boolean nonEmpty(List<?> l) {
        return l != null && !l.isEmpty();
    }

    private static final String[] NAMES = {"Date", "Subject", "In-Reply-To", "Message-ID", "From", "Sender", "Reply-To",
        "To", "Cc", "Bcc"};

    private static int kind(HeaderBlock h, int i) {
        for (int k = 0; k < NAMES.length; k++) {
            if (h.nameIs(i, NAMES[k])) return k;
        }
        return -1;
    }

    static void writeAddresses(ImapBuf out, List<AddressParser.Address> list) {
        if (list == null || list.isEmpty()) {
            out.latin1("NIL");
            return;
        }
        out.write('(');
        for (AddressParser.Address a : list) {
            out.write('(');
            out.nhumans(a.name()).write(' ');
            out.nstring(a.route()).write(' ');
            out.nstring(a.mailbox()).write(' ');
            out.nstring(a.host());
            out.write(')');
        }
        out.write(')');
    }
}
