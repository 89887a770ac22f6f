package dev.letterbox.testkit;

import java.util.Locale;

/** The protocols a {@link MailTestServer} speaks. */
public enum Protocol {
    IMAP, POP3, SMTP;

    /** The name the protocol factories report ({@code imap}, {@code pop3}, {@code smtp}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
