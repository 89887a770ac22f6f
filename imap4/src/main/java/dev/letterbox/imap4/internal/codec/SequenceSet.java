package dev.letterbox.imap4.internal.codec;

import java.util.List;

/**
 * A sequence set as sent (RFC 9051 §9 {@code sequence-set}), before resolution against a session's
 * view: ranges whose ends are numbers or {@code *} ({@link #STAR}), or the saved result {@code $}
 * (RFC 5182).
 */
public record SequenceSet(List<Range> ranges, boolean saved) {
    public static final long STAR = -1;

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    public static SequenceSet savedResult() {
        return new SequenceSet(List.of(), true);
    }

    /** {@code a:b} (either may be {@link #STAR}); a single number has {@code a == b}. */
    public record Range(long a, long b) {
        /** Resolves {@code *} to {@code star} and orders the ends. */
        public long lo(long star) {
            return Math.min(a == STAR ? star : a, b == STAR ? star : b);
        }

        public long hi(long star) {
            return Math.max(a == STAR ? star : a, b == STAR ? star : b);
        }
    }

    @Override
    public String toString() {
        if (saved) return "$";
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) sb.append(',');
            sb.append(r.a == STAR ? "*" : Long.toString(r.a));
            if (r.a != r.b) sb.append(':').append(r.b == STAR ? "*" : Long.toString(r.b));
        }
        return sb.toString();
    }
}
