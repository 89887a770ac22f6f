package dev.letterbox.imap4.internal;

import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.UidSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IMAP4rev1 {@code \Recent} (RFC 3501 §2.3.2): a message is recent in exactly one session, the first
 * read-write session to learn of it. Tracked per mailbox as a high-water mark of claimed UIDs
 * (per server instance; a store shared by several processes would report \Recent in each).
 */
public final class RecentTracker {
    private final ConcurrentHashMap<MailboxId, AtomicLong> claimed = new ConcurrentHashMap<>();

    /** Claims the UIDs of {@code ascending} above the mark; returns the ones this caller got. */
    public UidSet claim(MailboxId mailbox, long[] ascending, int from, int to) {
        if (from >= to) return UidSet.empty();
        AtomicLong mark = claimed.computeIfAbsent(mailbox, k -> new AtomicLong());
        long max = ascending[to - 1];
        long prev;
        do {
            prev = mark.get();
            if (prev >= max) return UidSet.empty();
        } while (!mark.compareAndSet(prev, max));
        int i = from;
        while (i < to && ascending[i] <= prev) i++;
        return UidSet.ofSorted(ascending, i, to);
    }

    /** The UIDs above the mark (for STATUS RECENT), without claiming them. */
    public long unclaimedAbove(MailboxId mailbox) {
        AtomicLong mark = claimed.get(mailbox);
        return mark == null ? 0 : mark.get();
    }
}
