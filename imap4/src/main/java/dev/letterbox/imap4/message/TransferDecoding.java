package dev.letterbox.imap4.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Content-Transfer-Encoding decoding (RFC 2045 §6) through Angus Mail's decoders. */
public final class TransferDecoding {
    private TransferDecoding() {
    }

    /** Thrown for an encoding we do not know (RFC 3516 UNKNOWN-CTE). */
    public static final class UnknownEncodingException extends Exception {
        public UnknownEncodingException(String cte) {
            super("Unknown Content-Transfer-Encoding");
        }
    }

    /** Thrown when encoded data is broken beyond lenient decoding. */
    public static final class DecodingException extends Exception {
        public DecodingException(String message) {
            super(message);
        }
    }

    /** True if {@code cte} (lower case, may be null = absent) needs no decoding. */
    public static boolean isIdentity(String cte) {
        return cte == null || cte.equals("7bit") || cte.equals("8bit") || cte.equals("binary");
    }

    /** True for the encodings this class decodes or passes through. */
    public static boolean isKnown(String cte) {
        return isIdentity(cte) || cte.equals("base64") || cte.equals("quoted-printable");
    }

    /**
     * Decodes {@code data[off, off+len)} per {@code cte} (case-insensitive; null = 7bit). Returns the
     * input range copied when no decoding applies.
     */
    public static byte[] decode(byte[] data, int off, int len, String cte)
            throws UnknownEncodingException, DecodingException {
        String c = cte == null ? null : cte.toLowerCase(Locale.ROOT);
        if (isIdentity(c)) return java.util.Arrays.copyOfRange(data, off, off + len);
        if (!isKnown(c)) throw new UnknownEncodingException(cte);
        if (c.equals("quoted-printable")) return QuotedPrintable.decode(data, off, len, false);
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(data, off, len), c)) {
            return in.readAllBytes();
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new DecodingException("Invalid data in MIME part");
        }
    }

    /** Like {@link #decode} but never fails: unknown encodings and broken data yield the raw bytes. */
    public static byte[] decodeLenient(byte[] data, int off, int len, String cte) {
        try {
            String c = cte == null ? null : cte.toLowerCase(Locale.ROOT);
            if ("quoted-printable".equals(c)) return QuotedPrintable.decode(data, off, len, true);
            return decode(data, off, len, cte);
        } catch (UnknownEncodingException | DecodingException e) {
            if ("base64".equalsIgnoreCase(cte == null ? "" : cte.trim())) {
                try {
                    return java.util.Base64.getMimeDecoder().decode(java.util.Arrays.copyOfRange(data, off, off + len));
                } catch (IllegalArgumentException e2) {
                    // fall through to raw
                }
            }
            return java.util.Arrays.copyOfRange(data, off, off + len);
        }
    }
}
