package dev.letterbox.imap4.message;

import jakarta.mail.internet.MimeUtility;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** MIME charset names to Java charsets (through Jakarta Mail's alias table). */
final class Charsets {
    private Charsets() {
    }

    /** The charset, or US-ASCII-compatible ISO-8859-1 when unknown or absent. */
    static Charset lookup(String mimeName) {
        if (mimeName == null || mimeName.isBlank()) return StandardCharsets.ISO_8859_1;
        String n = mimeName.trim();
        try {
            return Charset.forName(MimeUtility.javaCharset(n));
        } catch (RuntimeException e) {
            try {
                return Charset.forName(n);
            } catch (RuntimeException e2) {
                return StandardCharsets.ISO_8859_1;
            }
        }
    }

    /** The charset; UTF-8 for unknown names and for US-ASCII (8-bit bytes in "ASCII" text are usually UTF-8). */
    static Charset lookupOrUtf8(String mimeName) {
        if (mimeName == null || mimeName.isBlank()) return StandardCharsets.UTF_8;
        String n = mimeName.trim();
        if (n.equalsIgnoreCase("us-ascii") || n.equalsIgnoreCase("ascii")) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(MimeUtility.javaCharset(n));
        } catch (RuntimeException e) {
            try {
                return Charset.forName(n);
            } catch (RuntimeException e2) {
                return StandardCharsets.UTF_8;
            }
        }
    }
}
