package dev.letterbox.smtp.internal;

import java.nio.ByteBuffer;

/**
 * Decodes the DATA stream (RFC 5321 §4.5.2): removes the leading dot of stuffed lines and finds the
 * end of data. Only {@code <CRLF>.<CRLF>} ends it: a line start is the position after a real CRLF
 * (or the start of the data), so {@code \n.\n}, {@code \r.\r}, {@code \r\n.\n} and {@code \n.\r\n}
 * are ordinary (bare line ending) content, never the end — the SMTP smuggling defence. The final
 * CRLF before the dot belongs to the message.
 */
final class DataDecoder {
    private enum State { LINE_START, MID, MID_CR, DOT, DOT_CR }

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final ContentSink sink;
    private State state = State.LINE_START;

    DataDecoder(ContentSink sink) {
        this.sink = sink;
    }

    /**
     * Consumes bytes from {@code in} up to and including the end-of-data sequence.
     *
     * @return true when the end of data was consumed (bytes after it stay in {@code in})
     */
    boolean feed(ByteBuffer in) {
        if (in.hasArray()) return feedArray(in);
        byte[] copy = new byte[in.remaining()];
        int start = in.position();
        in.get(copy);
        ByteBuffer wrapped = ByteBuffer.wrap(copy);
        boolean done = feedArray(wrapped);
        in.position(start + wrapped.position());
        return done;
    }

    /**
     * The end of the longest span from {@code from} made of complete CRLF-terminated lines without
     * bare CR or LF, where no line but the first starts with a dot ({@code from} when there is none):
     * such a span is content as it stands and is stored in one piece.
     */
    private static int completeLines(byte[] a, int from, int end) {
        int spanEnd = from;
        int p = from;
        while (true) {
            while (p < end && a[p] != CR && a[p] != LF) p++;
            if (p + 1 >= end || a[p] != CR || a[p + 1] != LF) return spanEnd;
            p += 2;
            spanEnd = p;
            if (p >= end || a[p] == '.') return spanEnd;
        }
    }

    private boolean feedArray(ByteBuffer in) {
        byte[] a = in.array();
        int base = in.arrayOffset();
        int i = base + in.position();
        int end = base + in.limit();
        try {
            while (i < end) {
                byte c = a[i];
                switch (state) {
                    case MID -> {
                        int lines = completeLines(a, i, end);
                        if (lines > i) { // whole CRLF-terminated lines, none starting with a dot after the first
                            sink.writeLines(a, i, lines - i);
                            i = lines;
                            state = State.LINE_START;
                            continue;
                        }
                        int run = i;
                        while (run < end && a[run] != CR && a[run] != LF) run++;
                        if (run > i) {
                            sink.writeRun(a, i, run - i);
                            i = run;
                            continue;
                        }
                        sink.write(c);
                        if (c == CR) state = State.MID_CR;
                        i++;
                    }
                    case LINE_START -> {
                        if (c == '.') {
                            state = State.DOT;
                        } else {
                            state = State.MID;
                            continue; // process the byte as ordinary content
                        }
                        i++;
                    }
                    case MID_CR -> {
                        sink.write(c);
                        if (c == LF) state = State.LINE_START;
                        else if (c != CR) state = State.MID;
                        i++;
                    }
                    case DOT -> {
                        if (c == CR) {
                            state = State.DOT_CR;
                            i++;
                        } else {
                            state = State.MID; // a stuffed dot: drop it, the byte is content
                        }
                    }
                    case DOT_CR -> {
                        if (c == LF) {
                            i++;
                            sink.finish();
                            return true;
                        }
                        // ".\r" followed by more: the dot was stuffing, the CR is content
                        sink.write(CR);
                        state = State.MID_CR;
                    }
                }
            }
            return false;
        } finally {
            in.position(i - base);
        }
    }
}
