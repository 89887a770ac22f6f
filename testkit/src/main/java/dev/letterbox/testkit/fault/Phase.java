package dev.letterbox.testkit.fault;

/** When a {@link Fault} takes effect. */
public enum Phase {
    /** A client connected: before the greeting (for implicit TLS, the TLS handshake comes first). */
    CONNECT,
    /** A matching command arrived: before the server sees it. */
    COMMAND,
    /** The server processed the command: before the first byte of its response (or {@code afterBytes} into it). */
    RESPONSE_START,
    /** During the response body: {@code afterBytes} octets after the response's first line. */
    RESPONSE_BODY,
    /**
     * Before the response's final line: the IMAP tagged status, the last line of an SMTP reply, or the
     * POP3 status line ({@code .} of a multi-line response).
     */
    RESPONSE_END
}
