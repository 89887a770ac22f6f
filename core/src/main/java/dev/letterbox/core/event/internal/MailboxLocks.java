package dev.letterbox.core.event.internal;

import dev.letterbox.core.store.MailboxId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One {@link ReentrantLock} per mailbox id, created on demand and dropped when nobody holds or waits
 * for it, so the map only ever holds the mailboxes being changed right now.
 */
public final class MailboxLocks {
    private final ConcurrentHashMap<MailboxId, Entry> locks = new ConcurrentHashMap<>();

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users; // guarded by the map's per-key atomicity
    }

    /** A held lock (or pair of locks); closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Locks one mailbox. */
    public Held lock(MailboxId id) {
        Entry e = acquire(id);
        return () -> release(id, e);
    }

    /** Locks two mailboxes in a global order (by id), so two threads locking the same pair cannot deadlock. */
    public Held lock(MailboxId a, MailboxId b) {
        if (a.equals(b)) return lock(a);
        MailboxId first = a.value().compareTo(b.value()) < 0 ? a : b;
        MailboxId second = first == a ? b : a;
        Entry e1 = acquire(first);
        Entry e2;
        try {
            e2 = acquire(second);
        } catch (RuntimeException | Error ex) {
            release(first, e1);
            throw ex;
        }
        return () -> {
            release(second, e2);
            release(first, e1);
        };
    }

    /** Number of mailboxes currently locked or waited for (for tests). */
    public int size() {
        return locks.size();
    }

    private Entry acquire(MailboxId id) {
        Entry e = locks.compute(id, (k, v) -> {
            Entry x = v == null ? new Entry() : v;
            x.users++;
            return x;
        });
        e.lock.lock();
        return e;
    }

    private void release(MailboxId id, Entry e) {
        e.lock.unlock();
        locks.computeIfPresent(id, (k, v) -> --v.users == 0 ? null : v);
    }
}
