package dev.letterbox.imap4.internal.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles complete commands from network reads (RFC 9051 §2.2, §4.3): lines ending in CRLF,
 * synchronizing literals {@code {n}}, non-synchronizing literals {@code {n+}} (RFC 7888) and
 * literal8 {@code ~{n}} (RFC 3516). Every literal is accepted or refused by the {@link Policy}
 * <em>before</em> the {@code +} continuation is sent; a refused non-synchronizing literal is read and
 * discarded together with the rest of its command. Lines are bounded: an over-long line is consumed
 * and reported, never buffered without limit. Several commands in one read and one command split
 * across reads are both handled: {@link #next} returns one unit at a time.
 */
public final class Framer {
    /** Decides about a literal before any of its octets are read. */
    public interface Policy {
        /**
         * @param firstLine the command's first line so far (tag and verb are at its start)
         * @param buffered  octets of the command's earlier literals (bounds whole commands, not just literals)
         * @return empty to accept, or the reason to refuse
         */
        java.util.Optional<Refusal> decide(byte[] firstLine, long buffered, long size, boolean nonSync, boolean binary);

        /** Sends {@code + ...} for a synchronizing literal that was accepted. */
        void continuation();
    }

    /** Why a literal was refused: a response code ({@code TOOBIG}, {@code LIMIT}) and text. */
    public record Refusal(String code, String text, boolean bad) { }

    /** What {@link #next} yields. */
    public sealed interface Unit {
        record Command(CommandFrame frame) implements Unit { }

        /** The line was longer than the bound; {@code prefix} is its start (for the tag). */
        record LineTooLong(byte[] prefix) implements Unit { }

        /** A literal was refused; the command is dropped. */
        record LiteralRefused(byte[] firstLine, Refusal refusal) implements Unit { }
    }

    private enum Mode { LINE, LITERAL, DISCARD_LITERAL, SKIP_LINE }

    private final int maxLine;
    private final int spoolThreshold;
    private final Path spoolDir;
    private final Policy policy;
    private ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final List<byte[]> lines = new ArrayList<>();
    private final List<Literal> literals = new ArrayList<>();
    private Mode mode = Mode.LINE;
    private boolean discarding;
    private Literal.Sink sink;
    private long discardLeft;

    public Framer(int maxLine, int spoolThreshold, Path spoolDir, Policy policy) {
        this.maxLine = maxLine;
        this.spoolThreshold = spoolThreshold;
        this.spoolDir = spoolDir;
        this.policy = policy;
    }

    /** True while a command has started but is not complete (for the in-command timeout). */
    public boolean midCommand() {
        return mode != Mode.LINE || partial.size() > 0 || !lines.isEmpty();
    }

    /** Reads one bare line (SASL responses, IDLE's DONE); null if incomplete. Over-long → LineTooLong. */
    public Unit nextRawLine(ByteBuffer in) {
        if (mode == Mode.SKIP_LINE && !skipLine(in)) return null;
        byte[] line = readLine(in);
        if (line == null) {
            if (partial.size() > maxLine) return tooLong();
            return null;
        }
        return new Unit.Command(new CommandFrame(List.of(line), List.of()));
    }

    /** The next complete unit, or null when more input is needed. */
    public Unit next(ByteBuffer in) {
        while (in.hasRemaining()) {
            switch (mode) {
                case SKIP_LINE -> {
                    if (!skipLine(in)) return null;
                }
                case DISCARD_LITERAL -> {
                    int n = (int) Math.min(discardLeft, in.remaining());
                    in.position(in.position() + n);
                    discardLeft -= n;
                    if (discardLeft == 0) mode = Mode.LINE;
                }
                case LITERAL -> {
                    int n = (int) Math.min(sink.remaining(), in.remaining());
                    if (in.hasArray()) {
                        sink.write(in.array(), in.arrayOffset() + in.position(), n);
                        in.position(in.position() + n);
                    } else {
                        byte[] tmp = new byte[n];
                        in.get(tmp);
                        sink.write(tmp, 0, n);
                    }
                    if (sink.remaining() == 0) {
                        literals.add(sink.finish());
                        sink = null;
                        mode = Mode.LINE;
                    }
                }
                case LINE -> {
                    byte[] line = readLine(in);
                    if (line == null) {
                        if (partial.size() + linesBytes() > maxLine) return tooLong();
                        return null;
                    }
                    Unit u = onLine(line);
                    if (u != null) return u;
                }
                default -> throw new IllegalStateException();
            }
        }
        return null;
    }

    private Unit onLine(byte[] line) {
        long[] ann = announcement(line);
        if (ann == null) {
            if (discarding) {
                reset();
                return null;
            }
            lines.add(line);
            Unit u = new Unit.Command(new CommandFrame(lines, literals));
            lines.clear();
            literals.clear();
            return u;
        }
        long size = ann[0];
        boolean nonSync = ann[1] == 1;
        boolean binary = ann[2] == 1;
        if (discarding) {
            if (nonSync) {
                discardLeft = size;
                mode = size == 0 ? Mode.LINE : Mode.DISCARD_LITERAL;
            } else {
                reset(); // the client waits for a "+" that never comes; its command is already answered
            }
            return null;
        }
        byte[] first = lines.isEmpty() ? line : lines.get(0);
        var refusal = size < 0
                ? java.util.Optional.of(new Refusal("TOOBIG", "Literal too large", false))
                : policy.decide(first, bufferedLiteralBytes(), size, nonSync, binary);
        if (refusal.isPresent()) {
            byte[] firstLine = first;
            for (Literal l : literals) l.close();
            lines.clear();
            literals.clear();
            if (nonSync && size >= 0) {
                discarding = true;
                discardLeft = size;
                mode = size == 0 ? Mode.LINE : Mode.DISCARD_LITERAL;
            } else if (nonSync) {
                mode = Mode.SKIP_LINE; // unreadable size: nothing sensible left but to resync on lines
            }
            return new Unit.LiteralRefused(firstLine, refusal.get());
        }
        lines.add(line);
        if (!nonSync) policy.continuation();
        // Memory per command stays bounded: literals spool once the in-memory ones reach the threshold.
        sink = new Literal.Sink(size, (int) Math.max(0, spoolThreshold - inMemoryLiteralBytes()), spoolDir, binary);
        if (size == 0) {
            literals.add(sink.finish());
            sink = null;
        } else {
            mode = Mode.LITERAL;
        }
        return null;
    }

    /** The text of the command's earlier lines: the line bound applies to a command's text as a whole. */
    private int linesBytes() {
        int n = 0;
        for (byte[] l : lines) n += l.length + 2;
        return n;
    }

    private long inMemoryLiteralBytes() {
        long n = 0;
        for (Literal l : literals) if (!l.spooled()) n += l.size();
        return n;
    }

    private long bufferedLiteralBytes() {
        long n = 0;
        for (Literal l : literals) n += l.size();
        return n;
    }

    private Unit tooLong() {
        byte[] prefix = java.util.Arrays.copyOf(partial.toByteArray(), Math.min(partial.size(), 64));
        byte[] first = lines.isEmpty() ? prefix : lines.get(0);
        reset();
        mode = Mode.SKIP_LINE;
        return new Unit.LineTooLong(first);
    }

    /** Skips to the end of the current line; true when its LF was consumed. */
    private boolean skipLine(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (in.get() == '\n') {
                mode = Mode.LINE;
                return true;
            }
        }
        return false;
    }

    /** A whole line without CRLF, or null with the bytes kept in {@link #partial}. */
    private byte[] readLine(ByteBuffer in) {
        int start = in.position();
        int limit = in.limit();
        int budget = maxLine + 2 - partial.size() - linesBytes();
        int end = Math.min(limit, start + Math.max(budget, 0));
        for (int i = start; i < end; i++) {
            if (in.get(i) == '\n') {
                take(in, i - start);
                in.get();
                byte[] all = partial.toByteArray();
                resetPartial(all.length);
                int len = all.length;
                if (len > 0 && all[len - 1] == '\r') len--;
                return len == all.length ? all : java.util.Arrays.copyOf(all, len);
            }
        }
        take(in, end - start);
        return null;
    }

    /** Empties the line buffer; one that grew for a long line is dropped, so idle sessions stay small. */
    private void resetPartial(int used) {
        if (used > 4096) partial = new ByteArrayOutputStream();
        else partial.reset();
    }

    private void take(ByteBuffer in, int n) {
        if (in.hasArray()) {
            partial.write(in.array(), in.arrayOffset() + in.position(), n);
            in.position(in.position() + n);
        } else {
            byte[] tmp = new byte[n];
            in.get(tmp);
            partial.write(tmp, 0, n);
        }
    }

    /**
     * Parses a literal announcement at the end of a line: {@code {n}}, {@code {n+}}, {@code ~{n}},
     * {@code ~{n+}}. Returns {size (-1 if it overflows), nonSync, binary} or null.
     */
    static long[] announcement(byte[] line) {
        int n = line.length;
        if (n < 3 || line[n - 1] != '}') return null;
        int i = n - 2;
        boolean nonSync = false;
        if (line[i] == '+') {
            nonSync = true;
            i--;
        }
        int digitsEnd = i;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9') i--;
        if (i == digitsEnd || i < 0 || line[i] != '{') return null;
        boolean binary = i > 0 && line[i - 1] == '~';
        long size = 0;
        for (int k = i + 1; k <= digitsEnd; k++) {
            size = size * 10 + (line[k] - '0');
            if (size > 0xFFFF_FFFFL) {
                size = -1;
                break;
            }
        }
        return new long[] {size, nonSync ? 1 : 0, binary ? 1 : 0};
    }

    private void reset() {
        for (Literal l : literals) l.close();
        if (sink != null) sink.discard();
        sink = null;
        lines.clear();
        literals.clear();
        resetPartial(partial.size());
        discarding = false;
        mode = Mode.LINE;
    }

    /** Releases spooled data of an incomplete command (connection gone). */
    public void close() {
        reset();
    }
}
