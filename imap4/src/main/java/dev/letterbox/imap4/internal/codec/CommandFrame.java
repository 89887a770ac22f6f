package dev.letterbox.imap4.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One complete command as received: its lines (CRLF stripped; every line but the last ends with a
 * literal announcement such as {@code {12}}) and the literals that follow those announcements.
 */
public record CommandFrame(List<byte[]> lines, List<Literal> literals) implements AutoCloseable {
    public CommandFrame {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
    }

    public static CommandFrame ofLine(String line) {
        return new CommandFrame(List.of(line.getBytes(StandardCharsets.UTF_8)), List.of());
    }

    /** The first line as text (for logs and tags). */
    public String firstLine() {
        return new String(lines.get(0), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        for (Literal l : literals) l.close();
    }
}
