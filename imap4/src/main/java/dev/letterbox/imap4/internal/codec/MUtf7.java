package dev.letterbox.imap4.internal.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Modified UTF-7 for mailbox names (RFC 3501 §5.1.3). */
public final class MUtf7 {
    private MUtf7() {
    }

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) j++;
            byte[] utf16 = name.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ',');
            out.append('&').append(b64).append('-');
            i = j;
        }
        return out.toString();
    }

    /**
     * Decodes a modified UTF-7 name.
     *
     * @throws IllegalArgumentException if it is not valid modified UTF-7
     */
    public static String decode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) throw new IllegalArgumentException("8-bit character in mailbox name");
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = s.indexOf('-', i + 1);
            if (end < 0) throw new IllegalArgumentException("unterminated &-sequence in mailbox name");
            if (end == i + 1) {
                out.append('&');
                i = end + 1;
                continue;
            }
            String b64 = s.substring(i + 1, end).replace(',', '/');
            byte[] utf16;
            try {
                utf16 = Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad base64 in mailbox name");
            }
            if (utf16.length % 2 != 0 || utf16.length == 0) throw new IllegalArgumentException("bad UTF-16 in mailbox name");
            try {
                CharBuffer cb = StandardCharsets.UTF_16BE.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(utf16));
                for (int k = 0; k < cb.length(); k++) {
                    char d = cb.charAt(k);
                    if (d >= 0x20 && d <= 0x7e) throw new IllegalArgumentException("printable ASCII must not be encoded");
                }
                out.append(cb);
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("bad UTF-16 in mailbox name");
            }
            i = end + 1;
        }
        return out.toString();
    }
}
