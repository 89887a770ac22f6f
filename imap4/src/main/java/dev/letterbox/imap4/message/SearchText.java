package dev.letterbox.imap4.message;

import dev.letterbox.core.store.MessageContent;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Text matching for SEARCH over one message (RFC 9051 §6.4.4): RFC 2047 words, transfer encodings
 * and charsets decoded, compared case-insensitively (i;unicode-casemap, RFC 5051: Unicode case
 * folding after compatibility normalisation). SEAM: implemented by the message/fetch work; the
 * SEARCH evaluator uses only these members.
 *
 * <p>Details that RFC 3501 leaves open follow the reference server: HTML is searched as raw text;
 * BODY searches text/* and message/* parts (also inside attached messages), not headers; TEXT
 * also searches every header; raw 8-bit header bytes that are not UTF-8 never match a non-ASCII
 * term; an empty term matches when the field exists (BODY/TEXT: always).
 */
public final class SearchText {
    private SearchText() {
    }

    /** The header-address and text keys of SEARCH. */
    public enum Field { FROM, TO, CC, BCC, SUBJECT, BODY, TEXT }

    /** FROM/TO/CC/BCC/SUBJECT/BODY/TEXT contains {@code needle}; an empty needle per RFC/oracle rules. */
    public static boolean contains(MessageContent message, Field field, String needle) {
        switch (field) {
            case FROM:
                return headerContains(message, "From", needle);
            case TO:
                return headerContains(message, "To", needle);
            case CC:
                return headerContains(message, "Cc", needle);
            case BCC:
                return headerContains(message, "Bcc", needle);
            case SUBJECT:
                return headerContains(message, "Subject", needle);
            case BODY: {
                if (needle.isEmpty()) return true;
                return cache(message).body(MessageStructure.bytes(message)).contains(fold(needle));
            }
            case TEXT: {
                if (needle.isEmpty()) return true;
                String f = fold(needle);
                Cache c = cache(message);
                for (String[] h : c.headers) {
                    if (h[1].contains(f)) return true;
                }
                return c.text(MessageStructure.bytes(message)).contains(f);
            }
            default:
                throw new IllegalArgumentException(String.valueOf(field));
        }
    }

    /** HEADER field-name string: the top-level header has the field and its value contains needle. */
    public static boolean headerContains(MessageContent message, String fieldName, String needle) {
        Cache c = cache(message);
        String f = needle.isEmpty() ? "" : fold(needle);
        for (String[] h : c.headers) {
            if (h[0].equalsIgnoreCase(fieldName) && h[1].contains(f)) return true;
        }
        return false;
    }

    /** The date of the Date: header (its own time zone ignored, RFC 9051 SENT* keys); empty if none/unparsable. */
    public static Optional<LocalDate> sentDate(MessageContent message) {
        Cache c = cache(message);
        return Optional.ofNullable(c.sentDate);
    }

    /** i;unicode-casemap style folding: NFKC, then upper- and lower-casing (folds ß to ss, etc.). */
    public static String fold(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) ascii = s.charAt(i) < 0x80;
        if (ascii) return s.toLowerCase(Locale.ROOT);
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        return n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static Cache cache(MessageContent message) {
        byte[] data = MessageStructure.bytes(message);
        MessageStructure s = MessageStructure.of(message, data);
        Cache c = s.searchCache();
        if (c == null) {
            c = new Cache(data, s.root());
            s.searchCache(c);
        }
        return c;
    }

    /** Decoded, case-folded text of one message (headers kept; bodies softly). */
    static final class Cache {
        final List<String[]> headers = new ArrayList<>();
        final LocalDate sentDate;
        private final MimePart root;
        private SoftReference<String> body = new SoftReference<>(null);
        private SoftReference<String> text = new SoftReference<>(null);

        Cache(byte[] d, MimePart root) {
            this.root = root;
            HeaderBlock h = root.header();
            String date = null;
            for (int i = 0; i < h.size(); i++) {
                if (!h.hasColon(i)) continue;
                headers.add(new String[] {h.name(i), fold(EncodedWords.decode(HeaderBlock.noLf(h.rawValue(i))))});
                if (date == null && h.nameIs(i, "Date")) date = h.value(i);
            }
            sentDate = date == null ? null : parseDate(date);
        }

        String body(byte[] d) {
            String b = body.get();
            if (b == null) {
                StringBuilder sb = new StringBuilder();
                collect(d, root, sb, false);
                b = fold(sb.toString());
                body = new SoftReference<>(b);
            }
            return b;
        }

        String text(byte[] d) {
            String b = text.get();
            if (b == null) {
                StringBuilder sb = new StringBuilder();
                collect(d, root, sb, true);
                b = fold(sb.toString());
                text = new SoftReference<>(b);
            }
            return b;
        }
    }

    /** Appends the searchable text of part (nested headers only if withHeaders; never the root header). */
    private static void collect(byte[] d, MimePart part, StringBuilder sb, boolean withHeaders) {
        if (part.isMultipart()) {
            for (MimePart c : part.children()) {
                if (withHeaders) appendHeader(c, sb);
                collect(d, c, sb, withHeaders);
            }
            return;
        }
        if (part.isMessage() && !part.children().isEmpty()) {
            MimePart msg = part.children().get(0);
            if (withHeaders) appendHeader(msg, sb);
            collect(d, msg, sb, withHeaders);
            return;
        }
        PartInfo info = part.info();
        String type = info.type();
        if (!type.equalsIgnoreCase("text") && !type.equalsIgnoreCase("message")) return;
        String cte = part.header().firstRaw("Content-Transfer-Encoding");
        if (cte != null && !TransferDecoding.isKnown(HeaderBlock.noLf(cte).trim().toLowerCase(Locale.ROOT))) {
            return; // unknown transfer encoding (uuencode, empty, ...): not searchable text
        }
        byte[] body = TransferDecoding.decodeLenient(d, part.bodyStart(), part.bodySize(), info.encoding());
        String cs = info.param("charset");
        sb.append(EncodedWords.decodeBytes(body, Charsets.lookupOrUtf8(cs))).append('\n');
    }

    private static void appendHeader(MimePart p, StringBuilder sb) {
        HeaderBlock h = p.header();
        for (int i = 0; i < h.size(); i++) {
            sb.append(h.name(i)).append(": ");
            if (h.hasColon(i)) sb.append(EncodedWords.decode(HeaderBlock.noLf(h.rawValue(i))));
            sb.append('\n');
        }
    }

    /** Dates beyond this year are not usable (the reference server rejects such dates as well). */
    private static final int MAX_YEAR = 2200;

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
        "dec"};

    /**
     * RFC 5322 §3.3 date (obsolete forms tolerated): [day-name ","] day month year time [zone].
     * Returns the calendar date as written, or null when it cannot be parsed.
     */
    static LocalDate parseDate(String v) {
        String s = v.toLowerCase(Locale.ROOT).replace(',', ' ').trim();
        String[] t = s.split("[ \t]+");
        int k = 0;
        if (k < t.length && t[k].length() >= 3 && Character.isLetter(t[k].charAt(0))) k++; // day name
        if (k + 2 >= t.length) return null;
        try {
            int day = Integer.parseInt(t[k]);
            int month = -1;
            for (int m = 0; m < 12; m++) {
                if (t[k + 1].startsWith(MONTHS[m])) month = m + 1;
            }
            if (month < 0) return null;
            String ys = t[k + 2];
            if (!ys.chars().allMatch(Character::isDigit)) return null;
            int year = Integer.parseInt(ys);
            if (ys.length() <= 2) year += year < 50 ? 2000 : 1900;
            else if (ys.length() == 3) year += 1900;
            if (k + 3 >= t.length || !t[k + 3].matches("\\d{1,2}:\\d{2}(:\\d{2})?")) return null;
            String[] hms = t[k + 3].split(":");
            if (Integer.parseInt(hms[0]) > 23 || Integer.parseInt(hms[1]) > 59
                    || (hms.length > 2 && Integer.parseInt(hms[2]) > 60)) {
                return null;
            }
            if (year > MAX_YEAR) return null;
            return LocalDate.of(year, month, day);
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
