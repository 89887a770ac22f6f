package dev.letterbox.core.net;

/**
 * Host hook that sees the protocol lines of every connection, as reported by the sessions: client
 * lines are already redacted (no passwords, no SASL responses), literal and message bodies are not
 * reported. Useful for debugging and test transcripts; called on connection threads, must not block.
 * An exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface WireTrace {
    /** Traces nothing. */
    WireTrace NONE = (info, direction, line) -> { };

    /** One line without its CRLF. */
    void line(ConnectionInfo info, Direction direction, String line);

    /** Who sent a line. */
    enum Direction {
        CLIENT, SERVER
    }
}
