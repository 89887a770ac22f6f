package dev.letterbox.imap4.message;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Section data helpers: header field filtering and BINARY entity rendering. */
public final class Sections {
    private static final byte[] CRLF = {'\r', '\n'};

    private Sections() {
    }

    /**
     * HEADER.FIELDS / HEADER.FIELDS.NOT (RFC 3501 §6.4.5): the matching (or non-matching) fields
     * exactly as they appear, folds included, followed by the empty line.
     */
    public static void headerFields(HeaderBlock h, List<String> names, boolean not, ImapBuf out) {
        byte[] d = h.data();
        for (int i = 0; i < h.size(); i++) {
            if (selected(h, i, names, not)) {
                int s = h.fieldStart(i);
                int e = h.fieldEnd(i);
                out.write(d, s, e - s);
                if (e == s || d[e - 1] != '\n') out.latin1("\r\n");
            }
        }
        // Dovecot omits the terminating empty line from HEADER.FIELDS.NOT when the header had none
        if (!not || h.hasEmptyLine()) out.latin1("\r\n");
    }

    /** The size {@link #headerFields} writes. */
    public static int headerFieldsSize(HeaderBlock h, List<String> names, boolean not) {
        byte[] d = h.data();
        int n = 0;
        for (int i = 0; i < h.size(); i++) {
            if (selected(h, i, names, not)) {
                int s = h.fieldStart(i);
                int e = h.fieldEnd(i);
                n += e - s;
                if (e == s || d[e - 1] != '\n') n += 2;
            }
        }
        if (!not || h.hasEmptyLine()) n += 2;
        return n;
    }

    private static boolean selected(HeaderBlock h, int i, List<String> names, boolean not) {
        boolean match = false;
        if (h.hasColon(i)) {
            for (int k = 0, sz = names.size(); k < sz; k++) {
                if (h.nameIs(i, names.get(k))) {
                    match = true;
                    break;
                }
            }
        }
        return match != not;
    }

    /** Result of a BINARY rendering: the bytes and whether any transfer encoding was decoded. */
    public record BinaryData(byte[] bytes, boolean decoded) {
    }

    /**
     * BINARY[part] (RFC 3516 §4.2): the part body with its transfer encoding removed. For a
     * multipart or message/rfc822 part (and the whole message), every nested leaf is decoded and
     * its Content-Transfer-Encoding field replaced by "Content-Transfer-Encoding: binary" at the end
     * of its header (as Dovecot does).
     */
    public static BinaryData binaryBody(byte[] d, MimePart part)
            throws TransferDecoding.UnknownEncodingException, TransferDecoding.DecodingException {
        if (!part.isMultipart() && !part.isMessage()) {
            String cte = part.info().encoding();
            String c = cte == null ? null : cte.toLowerCase(java.util.Locale.ROOT);
            if (TransferDecoding.isIdentity(c)) {
                return new BinaryData(null, false); // caller serves the raw slice
            }
            return new BinaryData(TransferDecoding.decode(d, part.bodyStart, part.bodySize(), cte), true);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(part.bodySize());
        boolean[] decoded = new boolean[1];
        writeBody(d, part, out, decoded);
        return new BinaryData(out.toByteArray(), decoded[0]);
    }

    /** BINARY[] of the whole message. */
    public static BinaryData binaryEntity(byte[] d, MimePart root)
            throws TransferDecoding.UnknownEncodingException, TransferDecoding.DecodingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(d.length);
        boolean[] decoded = new boolean[1];
        writeEntity(d, root, out, decoded);
        return new BinaryData(out.toByteArray(), decoded[0]);
    }

    private static void writeEntity(byte[] d, MimePart part, ByteArrayOutputStream out, boolean[] decoded)
            throws TransferDecoding.UnknownEncodingException, TransferDecoding.DecodingException {
        String cte = part.isMultipart() ? null : part.info().encoding();
        String c = cte == null ? null : cte.toLowerCase(java.util.Locale.ROOT);
        if (!TransferDecoding.isIdentity(c)) {
            // a message/rfc822 with an encoding is not decoded (its content was parsed as is),
            // but its header is rewritten like a leaf's
            boolean leaf = !part.isMessage();
            if (!leaf && !TransferDecoding.isKnown(c)) throw new TransferDecoding.UnknownEncodingException(cte);
            {
                byte[] body = leaf ? TransferDecoding.decode(d, part.bodyStart, part.bodySize(), cte) : null;
                HeaderBlock h = part.header;
                for (int i = 0; i < h.size(); i++) {
                    if (h.nameIs(i, "Content-Transfer-Encoding")) continue;
                    out.write(d, h.fieldStart(i), h.fieldEnd(i) - h.fieldStart(i));
                }
                out.writeBytes("Content-Transfer-Encoding: binary\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                int sep = h.size() == 0 ? part.headerStart : h.fieldEnd(h.size() - 1);
                if (part.headerEnd > sep) out.write(d, sep, part.headerEnd - sep);
                else out.writeBytes(CRLF); // the rewritten header always ends with an empty line
                out.write(d, part.headerEnd, part.bodyStart - part.headerEnd);
                if (leaf) out.writeBytes(body);
                else writeBody(d, part, out, decoded);
                decoded[0] = true;
                return;
            }
        }
        out.write(d, part.headerStart, part.bodyStart - part.headerStart);
        writeBody(d, part, out, decoded);
    }

    private static void writeBody(byte[] d, MimePart part, ByteArrayOutputStream out, boolean[] decoded)
            throws TransferDecoding.UnknownEncodingException, TransferDecoding.DecodingException {
        int pos = part.bodyStart;
        for (MimePart c : part.children) {
            out.write(d, pos, c.headerStart - pos);
            writeEntity(d, c, out, decoded);
            pos = c.bodyEnd;
        }
        out.write(d, pos, part.bodyEnd - pos);
    }
}
