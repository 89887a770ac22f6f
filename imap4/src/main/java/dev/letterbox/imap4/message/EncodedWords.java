package dev.letterbox.imap4.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes header text for SEARCH (RFC 2047): encoded words anywhere in the text (also inside
 * quotes), the whitespace between adjacent encoded words dropped (§6.2) and the octets of adjacent
 * words in the same charset joined before charset conversion, so a character split across two
 * words survives. Text outside encoded words is taken as UTF-8; bytes that are not valid UTF-8
 * become U+FFFD (so they never match a non-ASCII search term). Charset names are resolved through
 * Jakarta Mail's alias table.
 */
final class EncodedWords {
    private EncodedWords() {
    }

    /** Decodes a header value given as one char per byte. */
    static String decode(String raw) {
        if (raw.indexOf("=?") < 0 && isAscii(raw)) return raw; // no encoded word, ASCII: decodes to itself
        StringBuilder out = new StringBuilder(raw.length());
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int i = 0;
        int n = raw.length();
        int lastWordEnd = -1;
        while (i < n) {
            int ws = i;
            if (raw.startsWith("=?", i)) {
                int[] w = parseWord(raw, i);
                if (w != null) {
                    String charset = raw.substring(i + 2, w[0]);
                    int star = charset.indexOf('*');
                    if (star >= 0) charset = charset.substring(0, star); // RFC 2231 language suffix
                    byte[] bytes = decodeWordBytes(raw, w[0] + 3, w[1], Character.toUpperCase(raw.charAt(w[0] + 1)));
                    if (bytes != null) {
                        boolean adjacent = lastWordEnd >= 0 && onlyWhitespace(plain);
                        if (!adjacent) {
                            flush(out, pending, pendingCharset);
                            pendingCharset = null;
                            flushPlain(out, plain);
                        } else {
                            plain.reset();
                            if (pendingCharset != null && !pendingCharset.equalsIgnoreCase(charset)) {
                                flush(out, pending, pendingCharset);
                            }
                        }
                        pendingCharset = charset;
                        pending.writeBytes(bytes);
                        i = w[1] + 2;
                        lastWordEnd = i;
                        continue;
                    }
                }
            }
            char c = raw.charAt(ws);
            if (lastWordEnd >= 0 && !(c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                flushPlain(out, plain);
                lastWordEnd = -1;
            }
            plain.write(c & 0xff);
            i++;
        }
        flush(out, pending, pendingCharset);
        flushPlain(out, plain);
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) >= 0x80) return false;
        }
        return true;
    }

    private static boolean onlyWhitespace(ByteArrayOutputStream b) {
        for (byte x : b.toByteArray()) {
            if (x != ' ' && x != '\t' && x != '\r' && x != '\n') return false;
        }
        return true;
    }

    /** Returns {end of charset, end of text} or null; word = "=?" charset "?" enc "?" text "?=". */
    private static int[] parseWord(String s, int i) {
        int q1 = s.indexOf('?', i + 2);
        if (q1 < 0 || q1 == i + 2 || q1 + 2 >= s.length() || s.charAt(q1 + 2) != '?') return null;
        char enc = Character.toUpperCase(s.charAt(q1 + 1));
        if (enc != 'B' && enc != 'Q') return null;
        for (int k = i + 2; k < q1; k++) {
            if (s.charAt(k) <= ' ') return null;
        }
        int end = s.indexOf("?=", q1 + 3);
        if (end < 0) return null;
        for (int k = q1 + 3; k < end; k++) {
            char c = s.charAt(k);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return null;
        }
        return new int[] {q1, end};
    }

    private static byte[] decodeWordBytes(String s, int from, int to, char enc) {
        if (enc == 'B') {
            String t = s.substring(from, to);
            try {
                return Base64.getMimeDecoder().decode(t.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(to - from);
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c == '_') {
                b.write(' ');
            } else if (c == '=' && k + 2 < to) {
                int h = Character.digit(s.charAt(k + 1), 16);
                int l = Character.digit(s.charAt(k + 2), 16);
                if (h >= 0 && l >= 0) {
                    b.write(h * 16 + l);
                    k += 2;
                } else {
                    b.write('=');
                }
            } else {
                b.write(c & 0xff);
            }
        }
        return b.toByteArray();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
        if (pending.size() == 0) return;
        Charset cs = charset == null ? StandardCharsets.UTF_8 : Charsets.lookupOrUtf8(charset);
        out.append(decodeBytes(pending.toByteArray(), cs));
        pending.reset();
    }

    private static void flushPlain(StringBuilder out, ByteArrayOutputStream plain) {
        if (plain.size() == 0) return;
        out.append(decodeBytes(plain.toByteArray(), StandardCharsets.UTF_8));
        plain.reset();
    }

    /** Charsets that map every octet below 0x80 to the same code point (a fast path; others are decoded). */
    private static boolean asciiCompatible(Charset cs) {
        return cs == StandardCharsets.UTF_8 || cs == StandardCharsets.US_ASCII || cs == StandardCharsets.ISO_8859_1;
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) return false;
        }
        return true;
    }

    /** Decodes bytes, malformed input replaced by U+FFFD. */
    static String decodeBytes(byte[] b, Charset cs) {
        if (asciiCompatible(cs) && isAscii(b)) return new String(b, StandardCharsets.ISO_8859_1);
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            CharBuffer cb = d.decode(ByteBuffer.wrap(b));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return new String(b, cs);
        }
    }
}
