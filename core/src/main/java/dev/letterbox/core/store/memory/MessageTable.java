package dev.letterbox.core.store.memory;

import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The messages of one mailbox sorted by UID, in segments of at most {@value #SEGMENT} entries so that
 * appends are O(1), lookups O(log n) and removals touch one segment, even with millions of messages.
 * Small mailboxes stay small: segments grow on demand. Not thread-safe: the owning mailbox guards it.
 */
final class MessageTable {
    static final int SEGMENT = 1024;

    /** One segment: parallel arrays, ascending UIDs. */
    static final class Segment {
        long[] uids;
        MessageMeta[] metas;
        /**
         * The bytes of each message ({@link MessageContent#ofBytes}), held once and shared by every copy
         * of the message (COPY, MOVE, INBOX rename), with its cached MIME structure: derived from the
         * bytes alone.
         */
        MessageContent[] blobs;
        int n;

        Segment(int capacity) {
            uids = new long[capacity];
            metas = new MessageMeta[capacity];
            blobs = new MessageContent[capacity];
        }

        long first() {
            return uids[0];
        }

        long last() {
            return uids[n - 1];
        }

        void add(MessageMeta meta, MessageContent blob) {
            if (n == uids.length) {
                int cap = Math.min(SEGMENT, Math.max(8, n * 2));
                uids = Arrays.copyOf(uids, cap);
                metas = Arrays.copyOf(metas, cap);
                blobs = Arrays.copyOf(blobs, cap);
            }
            uids[n] = meta.uid();
            metas[n] = meta;
            blobs[n] = blob;
            n++;
        }
    }

    /** Receives entries; may replace {@code seg.metas[i]} (never the UID). */
    @FunctionalInterface
    interface Visitor {
        void visit(Segment seg, int i);
    }

    private Segment[] segs = new Segment[4];
    private int segCount;
    private int size;

    int size() {
        return size;
    }

    long lastUid() {
        return segCount == 0 ? 0 : segs[segCount - 1].last();
    }

    /** Appends a message whose UID is greater than every UID in the table. */
    void append(MessageMeta meta, MessageContent blob) {
        if (meta.uid() <= lastUid()) throw new IllegalStateException("UIDs must ascend: " + meta.uid());
        Segment last = segCount == 0 ? null : segs[segCount - 1];
        if (last == null || last.n == SEGMENT) {
            if (segCount == segs.length) segs = Arrays.copyOf(segs, segCount * 2);
            last = new Segment(segCount == 0 ? 4 : SEGMENT);
            segs[segCount++] = last;
        }
        last.add(meta, blob);
        size++;
    }

    /** Index of the segment that would hold {@code uid}: the last whose first UID is at most uid, or 0. */
    private int segmentFor(long uid) {
        int lo = 0, hi = segCount - 1, ans = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (segs[mid].first() <= uid) {
                ans = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return ans;
    }

    /** Visits every entry with lo <= uid <= hi, ascending. */
    void forRange(long lo, long hi, Visitor v) {
        if (segCount == 0 || lo > hi) return;
        int s = segmentFor(lo);
        Segment seg = segs[s];
        int i = Arrays.binarySearch(seg.uids, 0, seg.n, lo);
        if (i < 0) i = -i - 1;
        while (s < segCount) {
            seg = segs[s];
            if (i >= seg.n) {
                s++;
                i = 0;
                continue;
            }
            if (seg.uids[i] > hi) return;
            v.visit(seg, i);
            i++;
        }
    }

    /** Visits every entry whose UID is in {@code set}, ascending. */
    void forSet(UidSet set, Visitor v) {
        for (int r = 0; r < set.rangeCount(); r++) forRange(set.rangeStart(r), set.rangeEnd(r), v);
    }

    /** The entry with this UID, or null. */
    MessageContent blob(long uid) {
        if (segCount == 0) return null;
        Segment seg = segs[segmentFor(uid)];
        int i = Arrays.binarySearch(seg.uids, 0, seg.n, uid);
        return i < 0 ? null : seg.blobs[i];
    }

    List<MessageMeta> metaAfter(long uid) {
        List<MessageMeta> out = new ArrayList<>();
        if (uid >= UidSet.MAX_UID) return out;
        forRange(Math.max(1, uid + 1), UidSet.MAX_UID, (seg, i) -> out.add(seg.metas[i]));
        return out;
    }

    List<MessageMeta> meta(UidSet set) {
        List<MessageMeta> out = new ArrayList<>();
        forSet(set, (seg, i) -> out.add(seg.metas[i]));
        return out;
    }

    UidSet allUids() {
        UidSet.Builder b = UidSet.builder();
        for (int s = 0; s < segCount; s++) {
            Segment seg = segs[s];
            for (int i = 0; i < seg.n; i++) b.add(seg.uids[i]);
        }
        return b.build();
    }

    /** Removes every entry whose UID is in {@code set}, handing each to {@code removed} first. */
    void removeAll(UidSet set, Visitor removed) {
        if (set.isEmpty() || segCount == 0) return;
        long min = set.min(), max = set.max();
        int w = 0;
        for (int s = 0; s < segCount; s++) {
            Segment seg = segs[s];
            if (seg.last() >= min && seg.first() <= max) compact(seg, set, removed);
            if (seg.n > 0) {
                if (w > 0 && mergeable(segs[w - 1], seg)) {
                    Segment prev = segs[w - 1];
                    for (int i = 0; i < seg.n; i++) prev.add(seg.metas[i], seg.blobs[i]);
                } else {
                    segs[w++] = seg;
                }
            }
        }
        Arrays.fill(segs, w, segCount, null);
        segCount = w;
    }

    private static boolean mergeable(Segment prev, Segment seg) {
        return (prev.n < SEGMENT / 4 || seg.n < SEGMENT / 4) && prev.n + seg.n <= SEGMENT / 2;
    }

    private void compact(Segment seg, UidSet set, Visitor removed) {
        int w = 0;
        for (int i = 0; i < seg.n; i++) {
            if (set.contains(seg.uids[i])) {
                removed.visit(seg, i);
                size--;
            } else {
                if (w != i) {
                    seg.uids[w] = seg.uids[i];
                    seg.metas[w] = seg.metas[i];
                    seg.blobs[w] = seg.blobs[i];
                }
                w++;
            }
        }
        Arrays.fill(seg.metas, w, seg.n, null);
        Arrays.fill(seg.blobs, w, seg.n, null);
        seg.n = w;
    }

    /** Removes everything. */
    void clear() {
        segs = new Segment[4];
        segCount = 0;
        size = 0;
    }
}
