package dev.letterbox.testkit;

import java.util.Locale;

/**
 * One listening endpoint of a {@link MailTestServer}: a protocol, plain text (with STARTTLS offered)
 * or implicit TLS (RFC 8314).
 */
public enum Service {
    IMAP(Protocol.IMAP, false),
    IMAPS(Protocol.IMAP, true),
    POP3(Protocol.POP3, false),
    POP3S(Protocol.POP3, true),
    /** SMTP submission (RFC 6409) with STARTTLS offered. */
    SUBMISSION(Protocol.SMTP, false),
    /** SMTP submission over implicit TLS (RFC 8314). */
    SUBMISSIONS(Protocol.SMTP, true);

    private final Protocol protocol;
    private final boolean implicitTls;

    Service(Protocol protocol, boolean implicitTls) {
        this.protocol = protocol;
        this.implicitTls = implicitTls;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** TLS from the first byte. */
    public boolean implicitTls() {
        return implicitTls;
    }

    /** The endpoint name, e.g. {@code imaps}; also {@code ConnectionInfo.endpoint()}. */
    public String endpointName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The service of an endpoint name. */
    public static Service ofEndpoint(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
