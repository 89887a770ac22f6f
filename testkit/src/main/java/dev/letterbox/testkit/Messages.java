package dev.letterbox.testkit;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Conversions between raw RFC 5322 bytes and Jakarta Mail messages. */
public final class Messages {
    private static final Session SESSION = Session.getInstance(new Properties());

    private Messages() {
    }

    /** Parses raw message bytes. */
    public static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a parsable message: " + e.getMessage(), e);
        }
    }

    /** Serialises a message (saving changes first, so Message-ID and MIME headers are set). */
    public static byte[] toBytes(MimeMessage message) {
        try {
            if (message.getHeader("Message-ID") == null || message.getHeader("MIME-Version") == null) message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot serialise message: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Normalises line endings to CRLF (the store keeps messages CRLF-normalised). */
    public static byte[] crlf(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 64);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out.write('\r');
                out.write('\n');
            } else if (b == '\r' && (i + 1 == raw.length || raw[i + 1] != '\n')) {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
