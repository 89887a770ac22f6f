package dev.letterbox.core.net;

import java.time.Duration;

/** Makes a {@link ProtocolSession} for each accepted connection of an endpoint. */
public interface ProtocolSessionFactory {
    /** Protocol name for logs and the auth context: {@code imap}, {@code pop3}, {@code smtp}. */
    String protocol();

    ProtocolSession newSession(ConnectionInfo info);

    /**
     * The bytes written to a connection refused for a connection limit, before closing it:
     * {@code * BYE ...}, {@code -ERR [SYS/TEMP] ...}, {@code 421 4.7.0 ...}.
     */
    byte[] busyReply();

    /** Read timeout before the first command. */
    default Duration initialReadTimeout() {
        return Duration.ofMinutes(5);
    }
}
