package dev.letterbox.imap4.message;

import dev.letterbox.core.store.MessageContent;
import java.lang.ref.SoftReference;
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
        byte[] data = MessageStructure.bytes(message);
        String f = needle.isEmpty() ? "" : fold(needle);
        MessageStructure s = MessageStructure.cached(message, data);
        if (s == null) return coldHeaderContains(data, fieldName, f);
        for (String[] h : cache(s, data).headers) {
            if (h[0].equalsIgnoreCase(fieldName) && h[1].contains(f)) return true;
        }
        return false;
    }

    /**
     * The same test as the cached path for a message whose structure is not scanned yet: only the
     * top-level header block is split (it is the root part's header; MimeScanner ends it at the
     * first empty line too) and only the fields with the wanted name are decoded. Nothing is cached,
     * so a header-only SEARCH does not pay for a MIME scan of every body.
     */
    private static boolean coldHeaderContains(byte[] data, String fieldName, String folded) {
        HeaderBlock h = HeaderBlock.parse(data, 0, data.length);
        for (int i = 0; i < h.size(); i++) {
            if (!h.hasColon(i) || h.fieldNameLength(i) != fieldName.length() || !h.name(i).equalsIgnoreCase(fieldName)) {
                continue;
            }
            if (folded.isEmpty() || fold(EncodedWords.decode(HeaderBlock.noLf(h.rawValue(i)))).contains(folded)) return true;
        }
        return false;
    }

    /** The date of the Date: header (its own time zone ignored, RFC 9051 SENT* keys); empty if none/unparsable. */
    public static Optional<LocalDate> sentDate(MessageContent message) {
        return Optional.ofNullable(cache(message).sentDate());
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
        return cache(MessageStructure.of(message, data), data);
    }

    private static Cache cache(MessageStructure s, byte[] data) {
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
        /** The raw Date: value (null if none); parsed only when a SENT* key asks. */
        private final String date;
        private volatile Optional<LocalDate> sentDate;
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
            this.date = date;
        }

        LocalDate sentDate() {
            Optional<LocalDate> d = sentDate;
            if (d == null) {
                d = Optional.ofNullable(date == null ? null : parseDate(date));
                sentDate = d;
            }
            return d.orElse(null);
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
     * RFC 5322 §3.3 date: {@code [day-name ","] day month year hour ":" minute [":" second] [zone]},
     * comments and folding allowed between tokens, month names matched on their first three letters,
     * two-digit years per RFC 5322 §4.3. Returns the calendar date as written (its zone ignored), or
     * null when the value is not such a date (also for impossible dates and times).
     */
    static LocalDate parseDate(String v) {
        Rfc822Reader r = new Rfc822Reader(v);
        List<String> tok = new ArrayList<>(8);
        List<Character> sep = new ArrayList<>(8); // the special character after each token, or ' '
        r.skipLwsp();
        while (!r.atEnd() && tok.size() < 12) {
            String a = r.atom();
            if (a.isEmpty()) {
                char c = r.peek();
                if (c != ',' && c != ':' && c != '.') return null;
                if (sep.isEmpty()) return null;
                sep.set(sep.size() - 1, c);
                r.pos++;
                r.skipLwsp();
                continue;
            }
            tok.add(a);
            sep.add(' ');
            r.skipLwsp();
        }
        int k = 0;
        if (tok.isEmpty()) return null;
        if (tok.get(0).length() == 3 && Character.isLetter(tok.get(0).charAt(0))) {
            if (sep.get(0) != ',') return null;
            k = 1;
        }
        if (k + 4 > tok.size()) return null;
        try {
            String dd = tok.get(k);
            if (dd.length() > 2 || !digits(dd)) return null;
            String mon = tok.get(k + 1).toLowerCase(Locale.ROOT);
            int month = -1;
            for (int m = 0; m < 12 && mon.length() >= 3; m++) {
                if (mon.startsWith(MONTHS[m])) month = m + 1;
            }
            if (month < 0) return null;
            String ys = tok.get(k + 2);
            if (!digits(ys) || ys.length() < 2 || ys.length() > 4) return null;
            int year = Integer.parseInt(ys);
            if (ys.length() == 2) year += year < 50 ? 2000 : 1900;
            else if (ys.length() == 3) year += 1900;
            else if (year < 1900) return null;
            String hh = tok.get(k + 3);
            if (hh.length() > 2 || !digits(hh) || (sep.get(k + 3) != ':' && sep.get(k + 3) != '.')) return null;
            if (k + 4 >= tok.size()) return null;
            String mm = tok.get(k + 4);
            if (mm.length() != 2 || !digits(mm) || Integer.parseInt(hh) > 23 || Integer.parseInt(mm) > 59) return null;
            int last = k + 4;
            if (sep.get(k + 4) == ':' || sep.get(k + 4) == '.') {
                if (k + 5 >= tok.size()) return null;
                String ss = tok.get(k + 5);
                if (ss.length() != 2 || !digits(ss) || Integer.parseInt(ss) > 60) return null;
                last = k + 5;
            }
            // only a zone may follow the time; day, month and year are separated by blanks only
            if (sep.get(last) != ' ' || sep.get(k) != ' ' || sep.get(k + 1) != ' ' || sep.get(k + 2) != ' ') return null;
            if (year > MAX_YEAR) return null;
            return LocalDate.of(year, month, Integer.parseInt(dd));
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
