package dev.letterbox.testkit.internal;

import dev.letterbox.testkit.Protocol;
import dev.letterbox.testkit.fault.Fault;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds command lines in a client's byte stream, so faults can act before the server sees a command.
 * It knows just enough of each protocol's framing to tell commands from everything else: IMAP literals
 * ({@code {n}}, {@code {n+}}, {@code ~{n}}) and continuation lines after a {@code +} (SASL, IDLE's
 * {@code DONE}); SMTP message data after {@code 354} up to the {@code .} line (reported as
 * {@link Fault#END_OF_DATA}), BDAT chunks and SASL lines after {@code 334}; POP3 SASL lines after {@code +}.
 * It never changes the bytes; it only cuts the stream into units.
 */
final class InputFramer {
    enum Kind { COMMAND, PASS }

    enum Mode { COMMAND, DATA, LITERAL, CONT_LINE, AWAIT_LITERAL }

    /**
     * A unit at the start of the input.
     *
     * @param length   octets of it available now
     * @param complete whether all of it is available
     * @param verb     upper-case verb for commands
     * @param tag      the IMAP tag
     * @param next     the mode after the whole unit
     * @param literal  the literal size for the next mode
     */
    record Unit(Kind kind, int length, boolean complete, String verb, String tag, Mode next, long literal) {
        boolean isCommand() {
            return kind == Kind.COMMAND;
        }
    }

    private final Protocol protocol;
    private Mode mode = Mode.COMMAND;
    private long literalLeft;
    private boolean dataMidLine;
    private boolean discarding;
    /** SMTP: a DATA command was seen; its 354 (and only that) starts the message data. */
    private boolean dataRequested;

    InputFramer(Protocol protocol) {
        this.protocol = protocol;
    }

    /** Whether the current unit belongs to a command that a fault swallowed. */
    boolean discarding() {
        return discarding;
    }

    /** The next unit at {@code in}'s position, or null when a command line is not complete yet. */
    Unit next(ByteBuffer in, String lastServerLine) {
        int pos = in.position();
        int lim = in.limit();
        switch (mode) {
            case AWAIT_LITERAL -> {
                // a synchronizing literal is sent only after the server's "+"
                mode = lastServerLine.startsWith("+") && !discarding ? Mode.LITERAL : Mode.COMMAND;
                if (mode == Mode.COMMAND) discarding = false;
                return next(in, lastServerLine);
            }
            case LITERAL -> {
                int n = (int) Math.min(literalLeft, lim - pos);
                Mode after = protocol == Protocol.IMAP ? Mode.CONT_LINE : Mode.COMMAND;
                return new Unit(Kind.PASS, n, n == literalLeft, null, null, after, 0);
            }
            case CONT_LINE -> {
                int eol = indexOfLf(in, pos, lim);
                if (eol < 0) return new Unit(Kind.PASS, lim - pos, false, null, null, Mode.CONT_LINE, 0);
                return afterImapLine(in, pos, eol, Kind.PASS, null, null);
            }
            case DATA -> {
                return data(in, pos, lim);
            }
            default -> {
                return command(in, pos, lim, lastServerLine);
            }
        }
    }

    /** The delegate consumed {@code k} octets of {@code u}. */
    void consumed(Unit u, int k) {
        if (k <= 0) return;
        if (mode == Mode.LITERAL) {
            literalLeft -= k;
            if (literalLeft <= 0) {
                mode = u.next();
                if (mode == Mode.COMMAND) discarding = false;
            }
            return;
        }
        if (mode == Mode.DATA && u.kind() == Kind.PASS) {
            if (u.next() == Mode.DATA && !u.complete()) {
                dataMidLine = true;
            } else {
                dataMidLine = false;
            }
            return;
        }
        if (k < u.length() || !u.complete()) return; // partial line: the rest comes with the next read
        mode = u.next();
        literalLeft = u.literal();
        if (mode == Mode.DATA) dataMidLine = false;
        if (mode == Mode.COMMAND) discarding = false;
    }

    /** A fault answered the command itself: the rest of it (literals, BDAT chunk) is dropped, not fed. */
    void swallow(Unit u) {
        discarding = u.next() != Mode.COMMAND;
        mode = u.next();
        literalLeft = u.literal();
    }

    private Unit command(ByteBuffer in, int pos, int lim, String last) {
        boolean continuation = switch (protocol) {
            case SMTP -> last.startsWith("334");
            case POP3 -> last.equals("+") || last.startsWith("+ ");
            case IMAP -> last.startsWith("+");
        };
        if (protocol == Protocol.SMTP && dataRequested && last.startsWith("354")) {
            dataRequested = false;
            mode = Mode.DATA;
            dataMidLine = false;
            return data(in, pos, lim);
        }
        int eol = indexOfLf(in, pos, lim);
        if (eol < 0) return null;
        int len = eol + 1 - pos;
        if (continuation) return new Unit(Kind.PASS, len, true, null, null, Mode.COMMAND, 0);
        String line = ascii(in, pos, eol);
        return switch (protocol) {
            case IMAP -> imap(in, pos, eol, line);
            case POP3 -> {
                String verb = firstToken(line);
                yield verb.isEmpty() ? pass(len) : new Unit(Kind.COMMAND, len, true, verb, null, Mode.COMMAND, 0);
            }
            case SMTP -> {
                String verb = firstToken(line);
                if (verb.isEmpty()) yield pass(len);
                if (verb.equals("DATA")) dataRequested = true;
                if (verb.equals("BDAT")) {
                    String[] parts = line.trim().split("\\s+");
                    long size = parts.length > 1 && parts[1].matches("\\d{1,18}") ? Long.parseLong(parts[1]) : 0;
                    yield new Unit(Kind.COMMAND, len, true, verb, null, size > 0 ? Mode.LITERAL : Mode.COMMAND, size);
                }
                yield new Unit(Kind.COMMAND, len, true, verb, null, Mode.COMMAND, 0);
            }
        };
    }

    private Unit imap(ByteBuffer in, int pos, int eol, String line) {
        int sp = line.indexOf(' ');
        if (sp <= 0 || line.startsWith("+") || line.startsWith("*")) return afterImapLine(in, pos, eol, Kind.PASS, null, null);
        String tag = line.substring(0, sp);
        String rest = line.substring(sp + 1);
        String verb = firstToken(rest);
        if (verb.equals("UID")) verb = "UID " + firstToken(rest.substring(Math.min(rest.length(), 4)));
        if (verb.isEmpty() || verb.equals("UID ")) return afterImapLine(in, pos, eol, Kind.PASS, null, null);
        return afterImapLine(in, pos, eol, Kind.COMMAND, verb, tag);
    }

    /** An IMAP line that may end with a literal announcement. */
    private Unit afterImapLine(ByteBuffer in, int pos, int eol, Kind kind, String verb, String tag) {
        int end = eol;
        if (end > pos && in.get(end - 1) == '\r') end--;
        int len = eol + 1 - pos;
        if (end > pos && in.get(end - 1) == '}') {
            int i = end - 2;
            boolean nonSync = i >= pos && in.get(i) == '+';
            if (nonSync) i--;
            int digitsEnd = i + 1;
            while (i >= pos && Character.isDigit(in.get(i))) i--;
            if (i >= pos && in.get(i) == '{' && digitsEnd > i + 1 && digitsEnd - i - 1 <= 18) {
                long n = Long.parseLong(ascii(in, i + 1, digitsEnd));
                Mode next = n == 0 ? Mode.CONT_LINE : nonSync ? Mode.LITERAL : Mode.AWAIT_LITERAL;
                return new Unit(kind, len, true, verb, tag, next, n);
            }
        }
        return new Unit(kind, len, true, verb, tag, Mode.COMMAND, 0);
    }

    private Unit data(ByteBuffer in, int pos, int lim) {
        if (dataMidLine) {
            int eol = indexOfLf(in, pos, lim);
            if (eol < 0) return new Unit(Kind.PASS, lim - pos, false, null, null, Mode.DATA, 0);
            return new Unit(Kind.PASS, eol + 1 - pos, true, null, null, Mode.DATA, 0);
        }
        int t = terminator(in, pos, lim);
        if (t > 0) return new Unit(Kind.COMMAND, t, true, Fault.END_OF_DATA, null, Mode.COMMAND, 0);
        if (t == 0) return null; // maybe the terminator, not complete yet
        int j = pos;
        while (true) {
            int eol = indexOfLf(in, j, lim);
            if (eol < 0) break;
            j = eol + 1;
            if (terminator(in, j, lim) >= 0) break;
        }
        if (j == pos) return new Unit(Kind.PASS, lim - pos, false, null, null, Mode.DATA, 0);
        return new Unit(Kind.PASS, j - pos, true, null, null, Mode.DATA, 0);
    }

    /** At a line start: the terminator's length if it is {@code .CRLF}, 0 if it may still become one, -1 if not. */
    private static int terminator(ByteBuffer in, int pos, int lim) {
        if (pos >= lim) return 0;
        if (in.get(pos) != '.') return -1;
        if (pos + 1 >= lim) return 0;
        byte b = in.get(pos + 1);
        if (b == '\n') return 2;
        if (b != '\r') return -1;
        if (pos + 2 >= lim) return 0;
        return in.get(pos + 2) == '\n' ? 3 : -1;
    }

    private static Unit pass(int len) {
        return new Unit(Kind.PASS, len, true, null, null, Mode.COMMAND, 0);
    }

    private static String firstToken(String s) {
        String t = s.trim();
        int sp = t.indexOf(' ');
        return (sp < 0 ? t : t.substring(0, sp)).toUpperCase(Locale.ROOT);
    }

    private static int indexOfLf(ByteBuffer in, int from, int lim) {
        for (int i = from; i < lim; i++) {
            if (in.get(i) == '\n') return i;
        }
        return -1;
    }

    private static String ascii(ByteBuffer in, int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = from; i < to; i++) b[i - from] = in.get(i);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
