package dev.letterbox.core.store;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * An immutable set of unsigned 32-bit UIDs held as sorted, disjoint, non-adjacent inclusive ranges.
 * {@code 1:4294967295} costs two longs, so sets like {@code 1:*} over a million messages stay tiny.
 * UIDs are carried in {@code long}s; valid values are 1..{@link #MAX_UID}.
 */
public final class UidSet implements Iterable<Long> {
    public static final long MAX_UID = 0xFFFF_FFFFL;
    private static final UidSet EMPTY = new UidSet(new long[0]);

    /** start0, end0, start1, end1, ... sorted, disjoint and non-adjacent. */
    private final long[] ranges;

    private UidSet(long[] ranges) {
        this.ranges = ranges;
    }

    static void checkUid(long uid) {
        if (uid < 1 || uid > MAX_UID) throw new IllegalArgumentException("UID out of range: " + uid);
    }

    public static UidSet empty() {
        return EMPTY;
    }

    public static UidSet of(long uid) {
        checkUid(uid);
        return new UidSet(new long[] {uid, uid});
    }

    /** The inclusive range between {@code a} and {@code b} in either order (RFC 3501 {@code a:b}). */
    public static UidSet range(long a, long b) {
        checkUid(a);
        checkUid(b);
        return new UidSet(new long[] {Math.min(a, b), Math.max(a, b)});
    }

    /** A set of the given UIDs, in any order, duplicates allowed. */
    public static UidSet of(long... uids) {
        Builder b = builder();
        for (long u : uids) b.add(u);
        return b.build();
    }

    /**
     * A set from an ascending array of UIDs (as a session view holds), in O(n) with one exact-size
     * allocation. Input that is not ascending is still handled correctly (through the general path).
     *
     * @throws IllegalArgumentException if a UID is out of range
     * @throws IndexOutOfBoundsException if {@code from..to} is not within the array
     */
    public static UidSet ofSorted(long[] sortedUids, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, sortedUids.length);
        int count = 0;
        for (int i = from; i < to; i++) {
            long u = sortedUids[i];
            checkUid(u);
            if (i == from || u > sortedUids[i - 1] + 1) {
                count++;
            } else if (u < sortedUids[i - 1]) {
                return of(Arrays.copyOfRange(sortedUids, from, to)); // not ascending after all
            }
        }
        if (count == 0) return EMPTY;
        long[] r = new long[count * 2];
        int n = 0;
        for (int i = from; i < to; i++) {
            long u = sortedUids[i];
            if (n > 0 && u <= r[n - 1] + 1) {
                r[n - 1] = u;
            } else {
                r[n++] = u;
                r[n++] = u;
            }
        }
        return new UidSet(r);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the plain form {@code 1:5,7,9:12} (no {@code *} or {@code $}: protocol layers resolve
     * those against their own view before building a UidSet).
     */
    public static UidSet parse(String s) {
        Builder b = builder();
        for (String part : s.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                b.add(number(part, s));
            } else {
                b.addRange(number(part.substring(0, colon), s), number(part.substring(colon + 1), s));
            }
        }
        return b.build();
    }

    /** A UID written as digits only (RFC 3501 §9 {@code nz-number}; no sign, no spaces). */
    private static long number(String digits, String whole) {
        if (digits.isEmpty() || digits.length() > 10) throw new IllegalArgumentException("invalid UID set: " + whole);
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') throw new IllegalArgumentException("invalid UID set: " + whole);
        }
        return Long.parseLong(digits);
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }

    /** Number of UIDs in the set. */
    public long size() {
        long n = 0;
        for (int i = 0; i < ranges.length; i += 2) n += ranges[i + 1] - ranges[i] + 1;
        return n;
    }

    /** Number of ranges. */
    public int rangeCount() {
        return ranges.length / 2;
    }

    public long rangeStart(int i) {
        return ranges[2 * i];
    }

    public long rangeEnd(int i) {
        return ranges[2 * i + 1];
    }

    public long min() {
        if (isEmpty()) throw new NoSuchElementException("empty UID set");
        return ranges[0];
    }

    public long max() {
        if (isEmpty()) throw new NoSuchElementException("empty UID set");
        return ranges[ranges.length - 1];
    }

    public boolean contains(long uid) {
        int lo = 0, hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (uid < ranges[2 * mid]) hi = mid - 1;
            else if (uid > ranges[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }

    public UidSet union(UidSet other) {
        if (other.isEmpty()) return this;
        if (isEmpty()) return other;
        Builder b = builder();
        b.addAll(this);
        b.addAll(other);
        return b.build();
    }

    public UidSet intersect(UidSet other) {
        long[] out = new long[ranges.length + other.ranges.length];
        int n = 0, i = 0, j = 0;
        while (i < ranges.length && j < other.ranges.length) {
            long lo = Math.max(ranges[i], other.ranges[j]);
            long hi = Math.min(ranges[i + 1], other.ranges[j + 1]);
            if (lo <= hi) {
                out[n++] = lo;
                out[n++] = hi;
            }
            if (ranges[i + 1] < other.ranges[j + 1]) i += 2;
            else j += 2;
        }
        return n == 0 ? EMPTY : new UidSet(Arrays.copyOf(out, n));
    }

    public UidSet minus(UidSet other) {
        if (other.isEmpty() || isEmpty()) return this;
        long[] out = new long[ranges.length + other.ranges.length];
        int n = 0, j = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            long lo = ranges[i], hi = ranges[i + 1];
            while (j < other.ranges.length && other.ranges[j + 1] < lo) j += 2;
            int k = j;
            while (lo <= hi && k < other.ranges.length && other.ranges[k] <= hi) {
                if (other.ranges[k] > lo) {
                    out[n++] = lo;
                    out[n++] = other.ranges[k] - 1;
                }
                lo = Math.max(lo, other.ranges[k + 1] + 1);
                k += 2;
            }
            if (lo <= hi) {
                out[n++] = lo;
                out[n++] = hi;
            }
        }
        return n == 0 ? EMPTY : new UidSet(Arrays.copyOf(out, n));
    }

    /** Ascending iteration without boxing. */
    public PrimitiveIterator.OfLong longIterator() {
        return new PrimitiveIterator.OfLong() {
            int r = 0;
            long next = ranges.length == 0 ? 0 : ranges[0];

            @Override
            public boolean hasNext() {
                return r < ranges.length;
            }

            @Override
            public long nextLong() {
                if (r >= ranges.length) throw new NoSuchElementException();
                long v = next;
                if (v == ranges[r + 1]) {
                    r += 2;
                    if (r < ranges.length) next = ranges[r];
                } else {
                    next = v + 1;
                }
                return v;
            }
        };
    }

    @Override
    public PrimitiveIterator.OfLong iterator() {
        return longIterator();
    }

    /** All UIDs as an ascending array; only for sets known to be small enough. */
    public long[] toArray() {
        long size = size();
        if (size > Integer.MAX_VALUE - 8) throw new IllegalStateException("UID set too large for an array");
        long[] out = new long[(int) size];
        int n = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            for (long u = ranges[i]; u <= ranges[i + 1]; u++) out[n++] = u;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UidSet u && Arrays.equals(ranges, u.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    /** The compact IMAP form, e.g. {@code 1:5,7}; empty string for the empty set. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ranges.length; i += 2) {
            if (i > 0) sb.append(',');
            sb.append(ranges[i]);
            if (ranges[i + 1] != ranges[i]) sb.append(':').append(ranges[i + 1]);
        }
        return sb.toString();
    }

    /** Accumulates UIDs and ranges in any order. */
    public static final class Builder {
        private long[] buf = new long[16];
        private int n;
        private boolean sorted = true;

        public Builder add(long uid) {
            checkUid(uid);
            return put(uid, uid);
        }

        public Builder addRange(long a, long b) {
            checkUid(a);
            checkUid(b);
            return put(Math.min(a, b), Math.max(a, b));
        }

        public Builder addAll(UidSet set) {
            for (int i = 0; i < set.ranges.length; i += 2) put(set.ranges[i], set.ranges[i + 1]);
            return this;
        }

        private Builder put(long lo, long hi) {
            if (n > 0) {
                long lastLo = buf[n - 2], lastHi = buf[n - 1];
                if (lo >= lastLo && lo <= lastHi + 1) { // extends or lies within the last range
                    if (hi > lastHi) buf[n - 1] = hi;
                    return this;
                }
                if (lo < lastLo) sorted = false;
            }
            if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
            buf[n++] = lo;
            buf[n++] = hi;
            return this;
        }

        public UidSet build() {
            if (n == 0) return EMPTY;
            if (sorted) return new UidSet(Arrays.copyOf(buf, n));
            int count = n / 2;
            long[][] pairs = new long[count][];
            for (int i = 0; i < count; i++) pairs[i] = new long[] {buf[2 * i], buf[2 * i + 1]};
            Arrays.sort(pairs, (x, y) -> Long.compare(x[0], y[0]));
            long[] out = new long[n];
            int m = 0;
            for (long[] p : pairs) {
                if (m > 0 && p[0] <= out[m - 1] + 1) {
                    if (p[1] > out[m - 1]) out[m - 1] = p[1];
                } else {
                    out[m++] = p[0];
                    out[m++] = p[1];
                }
            }
            return new UidSet(Arrays.copyOf(out, m));
        }
    }
}
