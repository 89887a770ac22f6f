package dev.letterbox.core.net;

/**
 * What a protocol session reports about its connection, for metrics and wire traces. The transport
 * routes these to the host's listeners; the in-memory driver records them. Lines passed here are
 * already redacted by the session (no passwords, no SASL responses). Implementations never block.
 */
public interface ConnectionEvents {
    ConnectionEvents NONE = new ConnectionEvents() { };

    /** A command was received; {@code verb} is upper case, e.g. {@code FETCH}, {@code RETR}, {@code RCPT}. */
    default void command(String verb) {
    }

    default void authenticated(String user, String mechanism) {
    }

    default void authenticationFailed(String user, String mechanism) {
    }

    /** A line the client sent, redacted, without CRLF. */
    default void clientLine(String redactedLine) {
    }

    /** A line the server sent, without CRLF (literal bodies are not reported). */
    default void serverLine(String line) {
    }
}
