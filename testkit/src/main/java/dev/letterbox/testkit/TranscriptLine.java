package dev.letterbox.testkit;

import dev.letterbox.core.net.WireTrace.Direction;
import java.util.Objects;

/**
 * One protocol line of a connection: client lines redacted, message bodies and literals left out.
 *
 * @param connection the connection index
 * @param direction  who sent it
 * @param text       the line without CRLF
 */
public record TranscriptLine(int connection, Direction direction, String text) {
    public TranscriptLine {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "#" + connection + (direction == Direction.CLIENT ? " C: " : " S: ") + text;
    }
}
