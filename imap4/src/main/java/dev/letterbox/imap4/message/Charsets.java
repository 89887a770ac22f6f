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
        return forName(mimeName.trim(), StandardCharsets.ISO_8859_1);
    }

    /** The charset; UTF-8 for unknown names and for US-ASCII (8-bit bytes in "ASCII" text are usually UTF-8). */
    static Charset lookupOrUtf8(String mimeName) {
        if (mimeName == null || mimeName.isBlank()) return StandardCharsets.UTF_8;
        String n = mimeName.trim();
        if (n.equalsIgnoreCase("us-ascii") || n.equalsIgnoreCase("ascii")) return StandardCharsets.UTF_8;
        return forName(n, StandardCharsets.UTF_8);
    }

    /** {@code name} through Jakarta Mail's MIME alias table, else as a Java name, else {@code fallback}. */
    private static Charset forName(String name, Charset fallback) {
        try {
            return Charset.forName(MimeUtility.javaCharset(name));
        } catch (RuntimeException e) {
            try {
                return Charset.forName(name);
            } catch (RuntimeException e2) {
                return fallback;
            }
        }
    }
}
