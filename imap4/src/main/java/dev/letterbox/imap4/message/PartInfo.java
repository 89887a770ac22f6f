package dev.letterbox.imap4.message;

import java.util.ArrayList;
import java.util.List;

/**
 * The Content-* fields of one part as BODYSTRUCTURE reports them (RFC 3501 §7.4.2): the first
 * occurrence of each field counts; values are kept as written (unfolded), parameters raw.
 *
 * @param type        media type as written; "text" when absent (or "message" below multipart/digest)
 * @param subtype     subtype as written
 * @param params      Content-Type parameters in order
 * @param explicitType whether a Content-Type field was present
 * @param encoding    Content-Transfer-Encoding token, or null if absent/invalid
 * @param id          Content-ID or null
 * @param description Content-Description or null
 * @param md5         Content-MD5 or null
 * @param disposition Content-Disposition (type in {@code type()}) or null
 * @param language    Content-Language tags or null
 * @param location    Content-Location or null
 */
public record PartInfo(String type, String subtype, List<String[]> params, boolean explicitType, String encoding,
                       String id, String description, String md5, ContentType disposition, List<String> language,
                       String location) {

    static PartInfo of(MimePart part) {
        HeaderBlock h = part.header;
        String type;
        String subtype;
        List<String[]> params;
        boolean explicit;
        String ctv = h.firstRaw("Content-Type");
        if (ctv != null) {
            ContentType ct = ContentType.parse(ctv);
            type = ct.type();
            subtype = ct.subtype();
            params = ct.params();
            explicit = true;
        } else if (part.parent != null && (part.parent.flags & MimePart.DIGEST) != 0) {
            type = "message";
            subtype = "rfc822";
            params = List.of();
            explicit = false;
        } else {
            type = "text";
            subtype = "plain";
            params = List.of();
            explicit = false;
        }
        String enc = null;
        String v = h.firstRaw("Content-Transfer-Encoding");
        if (v != null) {
            Rfc822Reader r = new Rfc822Reader(v);
            r.skipLwsp();
            String tok = r.mimeToken();
            if (!tok.isEmpty() && r.atEnd()) enc = tok;
        }
        ContentType disp = null;
        v = h.firstRaw("Content-Disposition");
        if (v != null) disp = ContentType.parseDisposition(v);
        List<String> lang = null;
        v = h.firstRaw("Content-Language");
        if (v != null) {
            List<String> l = new ArrayList<>();
            Rfc822Reader r = new Rfc822Reader(v);
            while (r.skipLwsp()) {
                String tok = r.mimeToken();
                if (!tok.isEmpty()) l.add(tok);
                if (r.atEnd()) break;
                if (r.peek() == ',') {
                    r.pos++;
                } else if (tok.isEmpty()) {
                    break;
                }
            }
            if (!l.isEmpty()) lang = List.copyOf(l);
        }
        return new PartInfo(type, subtype, params, explicit, enc, h.first("Content-ID"), h.first("Content-Description"),
                h.first("Content-MD5"), disp, lang, h.first("Content-Location"));
    }

    /** The transfer encoding, lower case, "7bit" when absent. */
    public String encodingOrDefault() {
        return encoding == null ? "7bit" : encoding.toLowerCase(java.util.Locale.ROOT);
    }

    /** A Content-Type parameter (RFC 2231 decoded if only the extended form exists), or null. */
    public String param(String name) {
        return new ContentType(type, subtype, params, true).param(name);
    }

    public boolean isText() {
        return type.equalsIgnoreCase("text");
    }
}
