package dev.letterbox.core.store.memory;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One in-memory mailbox (or a non-selectable placeholder). Reads take the read lock, changes the
 * write lock; UIDs are allocated under the write lock at the moment the message becomes visible, so
 * the visibility rule of the SPI holds trivially. Lock order: user tree, then mailboxes by ordinal,
 * then the user's quota.
 */
final class MemMailbox implements Mailbox {
    private final InMemoryMailStore store;
    private final UserTree owner;
    private final MailboxId id;
    private final long ordinal;
    private final boolean selectable;
    private final Optional<SpecialUse> specialUse;
    private final long uidValidity;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final MessageTable table = new MessageTable();
    private volatile MailboxPath path;
    private volatile UidSet allUidsCache;
    // guarded by lock
    private boolean removed;
    private long uidNext = 1;
    private long highestModSeq = 1;
    private int unseen;
    private int deletedCount;
    private long totalSize;

    MemMailbox(InMemoryMailStore store, UserTree owner, MailboxPath path, boolean selectable,
               Optional<SpecialUse> specialUse) {
        this.store = store;
        this.owner = owner;
        this.path = path;
        this.selectable = selectable;
        this.specialUse = specialUse;
        this.ordinal = store.nextOrdinal();
        this.id = new MailboxId(store.idPrefix() + Long.toString(ordinal, 36));
        this.uidValidity = store.nextUidValidity();
    }

    boolean selectable() {
        return selectable;
    }

    Optional<SpecialUse> specialUse() {
        return specialUse;
    }

    UserTree owner() {
        return owner;
    }

    void setPath(MailboxPath p) {
        path = p;
    }

    @Override
    public MailboxId id() {
        return id;
    }

    @Override
    public MailboxPath path() {
        return path;
    }

    // ---- reads

    @Override
    public MailboxStatus status() {
        readLock();
        try {
            return new MailboxStatus(uidValidity, uidNext, highestModSeq, table.size(), unseen, deletedCount, totalSize);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public UidSet allUids() {
        UidSet cached = allUidsCache;
        if (cached != null) return cached;
        readLock();
        try {
            cached = allUidsCache;
            if (cached == null) {
                cached = table.allUids();
                allUidsCache = cached;
            }
            return cached;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<MessageMeta> metaAfter(long uid) {
        readLock();
        try {
            return table.metaAfter(uid);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<MessageMeta> meta(UidSet uids) {
        Objects.requireNonNull(uids, "uids");
        readLock();
        try {
            return table.meta(uids);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public MessageContent content(long uid) {
        readLock();
        try {
            MessageContent b = table.blob(uid);
            if (b == null) throw new StoreException.NoSuchMessage("no message with UID " + uid + " in " + path);
            return b;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---- changes

    @Override
    public MessageMeta append(MessageSource source, Set<Flag> flags, Instant internalDate) {
        Objects.requireNonNull(internalDate, "internalDate");
        MessageContent blob = MessageContent.ofBytes(readBytes(source));
        Set<Flag> f = store.flagSets().canonical(flags);
        writeLock();
        try {
            ensureRoomForUids(1);
            owner.account().reserve(blob.size(), 1);
            long uid = allocateUids(1);
            MessageMeta meta = new MessageMeta(uid, f, internalDate, blob.size(), ++highestModSeq);
            insert(meta, blob);
            return meta;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static byte[] readBytes(MessageSource source) {
        Objects.requireNonNull(source, "source");
        // Always copy: the caller may reuse its buffer after append returns.
        try (InputStream in = source.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StoreException.TemporaryFailure("cannot read message source", e);
        }
    }

    @Override
    public List<MessageMeta> updateFlags(UidSet uids, FlagOp op, Set<Flag> flags) {
        Objects.requireNonNull(op, "op");
        Set<Flag> given = store.flagSets().canonical(flags);
        List<MessageMeta> changed = new ArrayList<>();
        writeLock();
        try {
            checkPresent();
            long modSeq = highestModSeq + 1;
            table.forSet(uids, (seg, i) -> {
                MessageMeta old = seg.metas[i];
                Set<Flag> now = apply(old.flags(), op, given);
                if (now != null) {
                    MessageMeta m = new MessageMeta(old.uid(), now, old.internalDate(), old.size(), modSeq);
                    count(old, -1);
                    count(m, +1);
                    seg.metas[i] = m;
                    changed.add(m);
                }
            });
            if (!changed.isEmpty()) highestModSeq = modSeq;
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The new flags, or null if unchanged. */
    private Set<Flag> apply(Set<Flag> old, FlagOp op, Set<Flag> given) {
        switch (op) {
            case REPLACE -> {
                return old.equals(given) ? null : given;
            }
            case ADD -> {
                if (old.containsAll(given)) return null;
                Set<Flag> s = new HashSet<>(old);
                s.addAll(given);
                return store.flagSets().canonical(s);
            }
            default -> {
                boolean any = false;
                for (Flag f : given) any |= old.contains(f);
                if (!any) return null;
                Set<Flag> s = new HashSet<>(old);
                s.removeAll(given);
                return store.flagSets().canonical(s);
            }
        }
    }

    @Override
    public UidSet delete(UidSet uids) {
        Objects.requireNonNull(uids, "uids");
        writeLock();
        try {
            return removeLocked(uids, true).uids();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public CopyResult copyTo(UidSet uids, Mailbox target) {
        Objects.requireNonNull(uids, "uids");
        Removed snapshot = new Removed();
        readLock();
        try {
            table.forSet(uids, (seg, i) -> snapshot.add(seg.metas[i], seg.blobs[i]));
        } finally {
            lock.readLock().unlock();
        }
        if (!(target instanceof MemMailbox t) || t.store != store) return copyToForeign(snapshot, target);
        // the source lock is released first, so copies in opposite directions cannot deadlock
        t.writeLock();
        try {
            t.ensureRoomForUids(snapshot.metas.size());
            t.owner.account().reserve(snapshot.bytes, snapshot.metas.size());
            return new CopyResult(t.uidValidity, snapshot.uidArray(), t.insertCopies(snapshot));
        } finally {
            t.lock.writeLock().unlock();
        }
    }

    /** Copies into another store's mailbox through its public API, one append per message. */
    private static CopyResult copyToForeign(Removed snapshot, Mailbox target) {
        long[] dst = new long[snapshot.metas.size()];
        for (int i = 0; i < dst.length; i++) {
            MessageMeta m = snapshot.metas.get(i);
            dst[i] = target.append(MessageSource.ofBytes(snapshot.blobs.get(i).bytesIfInMemory().orElseThrow()), m.flags(), m.internalDate()).uid();
        }
        return new CopyResult(target.status().uidValidity(), snapshot.uidArray(), dst);
    }

    @Override
    public Optional<CopyResult> moveTo(UidSet uids, Mailbox target) {
        Objects.requireNonNull(uids, "uids");
        if (!(target instanceof MemMailbox t) || t.store != store) return Optional.empty();
        MemMailbox first = ordinal <= t.ordinal ? this : t;
        MemMailbox second = first == this ? t : this;
        first.writeLock();
        try {
            if (second != first) second.writeLock();
            try {
                checkPresent();
                t.checkPresent();
                Removed gone = new Removed();
                table.forSet(uids, (seg, i) -> gone.add(seg.metas[i], seg.blobs[i]));
                if (gone.metas.isEmpty()) return Optional.of(new CopyResult(t.uidValidity, new long[0], new long[0]));
                t.ensureRoomForUids(gone.metas.size());
                boolean sameOwner = t.owner == owner;
                if (!sameOwner) t.owner.account().reserve(gone.bytes, gone.metas.size());
                long[] targetUids = t.insertCopies(gone);
                removeLocked(gone.uids(), !sameOwner);
                return Optional.of(new CopyResult(t.uidValidity, gone.uidArray(), targetUids));
            } finally {
                if (second != first) second.lock.writeLock().unlock();
            }
        } finally {
            first.lock.writeLock().unlock();
        }
    }

    // ---- internals, write lock held

    /** Inserts copies of {@code src} with fresh UIDs (quota already reserved); returns the new UIDs. */
    long[] insertCopies(Removed src) {
        long[] out = new long[src.metas.size()];
        if (out.length == 0) return out;
        long first = allocateUids(out.length);
        long modSeq = ++highestModSeq;
        for (int i = 0; i < out.length; i++) {
            MessageMeta m = src.metas.get(i);
            out[i] = first + i;
            insert(new MessageMeta(first + i, m.flags(), m.internalDate(), m.size(), modSeq), src.blobs.get(i));
        }
        return out;
    }

    /** Fails unless {@code n} messages can be inserted now; call before reserving quota. */
    private void ensureRoomForUids(int n) {
        checkPresent();
        if (uidNext + n - 1 > UidSet.MAX_UID) {
            // RFC 3501 §2.3.1.1 would require new UIDs and a new UIDVALIDITY; refuse instead
            throw new StoreException.NotAllowed("UID space of " + path + " exhausted");
        }
    }

    private long allocateUids(int n) {
        ensureRoomForUids(n);
        long first = uidNext;
        uidNext += n;
        return first;
    }

    private void insert(MessageMeta meta, MessageContent blob) {
        table.append(meta, blob);
        count(meta, +1);
        totalSize += meta.size();
        allUidsCache = null;
    }

    private void count(MessageMeta m, int d) {
        if (!m.has(Flag.SEEN)) unseen += d;
        if (m.has(Flag.DELETED)) deletedCount += d;
    }

    /** Removes the given messages, optionally releases their quota, and returns what went. */
    Removed removeLocked(UidSet uids, boolean releaseQuota) {
        checkPresent();
        Removed gone = new Removed();
        table.removeAll(uids, (seg, i) -> gone.add(seg.metas[i], seg.blobs[i]));
        if (!gone.metas.isEmpty()) {
            for (MessageMeta m : gone.metas) count(m, -1);
            totalSize -= gone.bytes;
            highestModSeq++;
            allUidsCache = null;
            if (releaseQuota) owner.account().release(gone.bytes, gone.metas.size());
        }
        return gone;
    }

    /** Marks the mailbox deleted, dropping all messages. Caller holds the user tree's write lock. */
    void destroy() {
        writeLock();
        try {
            if (removed) return;
            owner.account().release(totalSize, table.size());
            table.clear();
            allUidsCache = UidSet.empty();
            removed = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Takes every message out (INBOX rename) without releasing quota; the caller inserts them elsewhere. */
    Removed drainAll() {
        writeLock();
        try {
            Removed all = new Removed();
            table.forRange(1, UidSet.MAX_UID, (seg, i) -> all.add(seg.metas[i], seg.blobs[i]));
            removeLocked(all.uids(), false);
            return all;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void writeLock() {
        lock.writeLock().lock();
    }

    void unlockWrite() {
        lock.writeLock().unlock();
    }

    private void readLock() {
        lock.readLock().lock();
        if (removed) {
            lock.readLock().unlock();
            throw new StoreException.NoSuchMailbox("mailbox " + path + " was deleted");
        }
    }

    private void checkPresent() {
        if (removed) throw new StoreException.NoSuchMailbox("mailbox " + path + " was deleted");
        if (!selectable) throw new StoreException.NoSuchMailbox(path + " is not selectable");
    }

    /** Messages taken from or copied out of a mailbox. */
    static final class Removed {
        final List<MessageMeta> metas = new ArrayList<>();
        final List<MessageContent> blobs = new ArrayList<>();
        long bytes;

        void add(MessageMeta m, MessageContent b) {
            metas.add(m);
            blobs.add(b);
            bytes += m.size();
        }

        long[] uidArray() {
            long[] a = new long[metas.size()];
            for (int i = 0; i < a.length; i++) a[i] = metas.get(i).uid();
            return a;
        }

        UidSet uids() {
            return UidSet.ofSorted(uidArray(), 0, metas.size());
        }
    }

    @Override
    public String toString() {
        return "MemMailbox[" + id + " " + path + "]";
    }
}
