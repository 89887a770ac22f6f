package dev.letterbox.smtp.internal;

import dev.letterbox.smtp.SmtpException;

/** RFC 3461 §4 xtext: printable ASCII except {@code +} and {@code =}, with {@code +XX} hex escapes. */
final class Xtext {
    private Xtext() {
    }

    static String decode(String s, int maxDecoded, String what) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                int hi = hex(s, i + 1);
                int lo = hex(s, i + 2);
                if (hi < 0 || lo < 0) throw bad(what);
                out.append((char) (hi * 16 + lo));
                i += 2;
            } else if (c < 33 || c > 126 || c == '=') {
                if (c > 127) { // RFC 6533 unitext: UTF-8 allowed with SMTPUTF8; accepted as is
                    out.append(c);
                    continue;
                }
                throw bad(what);
            } else {
                out.append(c);
            }
        }
        if (out.length() > maxDecoded) throw bad(what);
        return out.toString();
    }

    private static int hex(String s, int i) {
        if (i >= s.length()) return -1;
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1; // RFC 3461: uppercase hex only
    }

    private static SmtpException bad(String what) {
        return new SmtpException(501, "5.5.4", "Bad " + what + " parameter");
    }
}
