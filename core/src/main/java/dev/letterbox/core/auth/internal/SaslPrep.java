package dev.letterbox.core.auth.internal;

import java.text.Normalizer;

/**
 * The parts of SASLprep (RFC 4013) that change what gets hashed: non-ASCII spaces (RFC 3454 C.1.2) map
 * to SPACE, "commonly mapped to nothing" characters (B.1) are removed, then NFKC. Prohibited-output and
 * bidi checks are not applied: such passwords are simply hashed as normalized. ASCII strings are
 * returned unchanged, so the common case costs nothing.
 */
public final class SaslPrep {
    private SaslPrep() {
    }

    public static char[] prepare(char[] s) {
        boolean ascii = true;
        for (char c : s) {
            if (c >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) return s.clone();
        StringBuilder b = new StringBuilder(s.length);
        for (int i = 0; i < s.length; ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            if (mapsToNothing(cp)) continue;
            if (isNonAsciiSpace(cp)) cp = ' ';
            b.appendCodePoint(cp);
        }
        return Normalizer.normalize(b, Normalizer.Form.NFKC).toCharArray();
    }

    static boolean mapsToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }

    static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }
}
