package dev.letterbox.imap4.message;

import java.util.List;

/**
 * Writes BODY and BODYSTRUCTURE (RFC 3501 §7.4.2, RFC 9051 §7.5.2). Type, subtype, parameters,
 * id, description and encoding are as written in the part's header; text parts always carry a
 * charset parameter (us-ascii added when missing); sizes are body octets, line counts are the line
 * feeds in the body. Extension data: md5, disposition, language and location for leaves;
 * parameters, disposition, language and location for multiparts.
 */
final class BodyStructureWriter {
    private static final String EMPTY = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0";

    private BodyStructureWriter() {
    }

    static void write(byte[] data, MimePart part, boolean extended, ImapBuf out) {
        PartInfo info = part.info();
        if (part.isMultipart()) {
            out.write('(');
            if (part.children.isEmpty()) {
                out.latin1(EMPTY).latin1(extended ? " NIL NIL NIL NIL)" : ")");
            }
            for (MimePart c : part.children) write(data, c, extended, out);
            out.write(' ');
            out.string(info.subtype());
            if (extended) {
                out.write(' ');
                params(out, info.params(), false);
                common(out, info);
            }
            out.write(')');
            return;
        }
        boolean text = info.isText();
        out.write('(');
        out.string(info.type()).write(' ').string(info.subtype()).write(' ');
        params(out, info.params(), text);
        out.write(' ');
        out.nstring(info.id()).write(' ');
        out.nstring(info.description()).write(' ');
        out.string(info.encoding() == null ? "7bit" : info.encoding());
        out.write(' ').number(part.bodySize());
        if (text) {
            out.write(' ').number(part.bodyLines(data));
        } else if (part.isMessage() && !part.children.isEmpty()) {
            MimePart msg = part.children.get(0);
            out.write(' ');
            EnvelopeWriter.write(msg.header, out);
            out.write(' ');
            write(data, msg, extended, out);
            out.write(' ').number(part.bodyLines(data));
        }
        if (extended) {
            out.write(' ').nstring(info.md5());
            common(out, info);
        }
        out.write(')');
    }

    private static void common(ImapBuf out, PartInfo info) {
        out.write(' ');
        ContentType d = info.disposition();
        if (d == null) {
            out.latin1("NIL");
        } else {
            out.write('(').string(d.type()).write(' ');
            params(out, d.params(), false);
            out.write(')');
        }
        out.write(' ');
        List<String> lang = info.language();
        if (lang == null) {
            out.latin1("NIL");
        } else {
            out.write('(');
            for (int i = 0; i < lang.size(); i++) {
                if (i > 0) out.write(' ');
                out.string(lang.get(i));
            }
            out.write(')');
        }
        out.write(' ').nstring(info.location());
    }

    private static void params(ImapBuf out, List<String[]> params, boolean defaultCharset) {
        if (params.isEmpty() && !defaultCharset) {
            out.latin1("NIL");
            return;
        }
        out.write('(');
        boolean seenCharset = false;
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) out.write(' ');
            String[] p = params.get(i);
            if (p[0].equalsIgnoreCase("charset")) seenCharset = true;
            out.string(p[0]).write(' ').string(p[1]);
        }
        if (defaultCharset && !seenCharset) {
            if (!params.isEmpty()) out.write(' ');
            out.latin1("\"charset\" \"us-ascii\"");
        }
        out.write(')');
    }
}
