package dev.letterbox.imap4.internal;

import dev.letterbox.core.event.ChangeHub;
import dev.letterbox.core.event.MailboxChange;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.codec.SequenceSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The selected mailbox as one client knows it (ARCHITECTURE §4): the ascending UIDs the client has
 * been told about (MSN = index + 1) and a queue of changes not yet reported.
 *
 * <p>Two sides, two owners. The <em>client side</em> ({@link #resolve}, {@link #drain},
 * {@link #expungedBySelf}, lookups) is used by the session, one thread at a time (the session
 * serialises IDLE pushes with commands). The <em>pending side</em> is fed by the change hub on
 * publishers' threads through {@link #onChange}, which only records and signals, never blocks on I/O.
 *
 * <p>Rules: changes are drained only after a command and before its tagged reply; expunges are
 * withheld when the command was a non-UID FETCH, STORE or SEARCH (RFC 9051 §7.5.1, RFC 3501
 * §7.4.1) while flags and new messages are still reported; new messages are only hints, confirmed
 * by {@link Mailbox#metaAfter} above the highest UID known, so late or duplicated hints never
 * renumber the view; EXISTS is computed from the view when sent; expunges are idempotent by UID;
 * for flags the newest state per UID wins; the session's own changes are reported by its commands
 * and ignored here (except new messages, which are always confirmed from the store). When the pending
 * queue grows beyond its bound it collapses into a full resync against the store.
 */
public final class SelectedView implements AutoCloseable {
    /** Receives the untagged responses of a drain, in wire order. */
    public interface Sink {
        void expunge(int msn);

        void exists(int count);

        void recent(int count);

        void flags(int msn, MessageMeta meta, boolean recent);
    }

    /** Why the view can no longer be used (the session sends BYE and closes). */
    public enum Fatal { NONE, DELETED, UIDVALIDITY_CHANGED }

    private final Mailbox mailbox;
    private final String sessionId;
    private final boolean readOnly;
    private final int maxPending;
    private final RecentTracker recentTracker;
    private final long uidValidity;

    // client side
    private long[] uids;
    /** modSeq of the flags the client was last told for uids[i] (parallel array); 0 = unknown. */
    private long[] modSeqs;
    private int size;
    private List<MessageMeta> initial = List.of();
    private UidSet recent = UidSet.empty();

    // pending side
    private final ReentrantLock pendingLock = new ReentrantLock();
    private UidSet.Builder pendingExpunged = UidSet.builder();
    private boolean anyExpunged;
    private Map<Long, MessageMeta> pendingFlags = new HashMap<>(4);
    private boolean addHint;
    private boolean resync;
    private Fatal fatal = Fatal.NONE;
    private int pendingCount;
    private UidSet withheld = UidSet.empty();
    private volatile Runnable signal = () -> { };
    private ChangeHub.Subscription subscription;

    private SelectedView(Mailbox mailbox, String sessionId, boolean readOnly, int maxPending,
                         RecentTracker recentTracker, long uidValidity) {
        this.mailbox = mailbox;
        this.sessionId = sessionId;
        this.readOnly = readOnly;
        this.maxPending = maxPending;
        this.recentTracker = recentTracker;
        this.uidValidity = uidValidity;
    }

    /**
     * Subscribes first, then reads the mailbox's UIDs, so that no change between the two is lost.
     *
     * @param recentTracker null when \Recent is not reported
     */
    public static SelectedView open(Mailbox mailbox, ChangeHub hub, String sessionId, boolean readOnly,
                                    int maxPending, RecentTracker recentTracker) {
        MailboxStatus st = mailbox.status();
        SelectedView v = new SelectedView(mailbox, sessionId, readOnly, maxPending, recentTracker, st.uidValidity());
        v.subscription = hub.subscribe(mailbox.id(), v::onChange);
        List<MessageMeta> metas = mailbox.metaAfter(0);
        int n = metas.size();
        v.uids = new long[n]; // exact: idle sessions of small mailboxes keep no slack (grows on EXISTS)
        v.modSeqs = new long[v.uids.length];
        for (MessageMeta m : metas) {
            v.uids[v.size] = m.uid();
            v.modSeqs[v.size++] = m.modSeq();
        }
        v.initial = metas;
        if (recentTracker != null && !readOnly) v.recent = recentTracker.claim(mailbox.id(), v.uids, 0, v.size);
        return v;
    }

    /** The messages as read at SELECT (for FLAGS, UNSEEN); handed out once. */
    public List<MessageMeta> takeInitial() {
        List<MessageMeta> l = initial;
        initial = List.of();
        return l;
    }

    // ---- lookups (client side) ----

    public Mailbox mailbox() {
        return mailbox;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public int exists() {
        return size;
    }

    public long uidAt(int msn) {
        return uids[msn - 1];
    }

    /** The MSN of {@code uid}, or 0 if the client does not know it. */
    public int msnOf(long uid) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        return i >= 0 ? i + 1 : 0;
    }

    public boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    public int recentCount() {
        return (int) recent.size();
    }

    /** Every UID of the view. */
    public UidSet all() {
        return UidSet.ofSorted(uids, 0, size);
    }

    /** The MSN of the first message that may lack {@code \Seen} is computed by the caller; this gives UIDs in order. */
    public long[] uidsCopy() {
        return Arrays.copyOf(uids, size);
    }

    /**
     * Resolves a sequence set against what the client knows (RFC 9051 §6.4.8 for UIDs): MSNs must
     * exist in the view; UID ranges select the view's UIDs within them; {@code *} is the last message
     * (or the highest UID); {@code $} is the saved search result (RFC 5182) restricted to the view.
     *
     * @throws IllegalArgumentException with client-presentable text for an MSN out of range
     */
    public UidSet resolve(SequenceSet set, boolean uid, UidSet saved) {
        if (set.saved()) return saved.intersect(all());
        UidSet.Builder b = UidSet.builder();
        for (SequenceSet.Range r : set.ranges()) {
            if (uid) {
                long star = size == 0 ? 0 : uids[size - 1];
                if (size == 0) continue;
                long lo = r.lo(star), hi = r.hi(star);
                int from = lowerBound(lo), to = lowerBound(hi + 1);
                if (from < to) b.addAll(UidSet.ofSorted(uids, from, to));
            } else {
                if (size == 0 && (r.a() == SequenceSet.STAR || r.b() == SequenceSet.STAR)) {
                    if (r.a() == SequenceSet.STAR && r.b() == SequenceSet.STAR) continue;
                    long other = r.a() == SequenceSet.STAR ? r.b() : r.a();
                    if (other <= 1) continue;
                }
                long lo = r.lo(size), hi = r.hi(size);
                if (lo < 1 || hi > size) throw new IllegalArgumentException("Invalid message sequence number: " + hi);
                b.addAll(UidSet.ofSorted(uids, (int) lo - 1, (int) hi));
            }
        }
        return b.build();
    }

    private int lowerBound(long uid) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (uids[mid] < uid) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    // ---- pending side (any thread) ----

    /** Wakes the session when a change arrives (IDLE pump); must not block. */
    public void onSignal(Runnable r) {
        this.signal = r == null ? () -> { } : r;
    }

    /** Hub listener: records the change and signals; never blocks on I/O. */
    public void onChange(MailboxChange change) {
        boolean own = change.origin().isSession(sessionId);
        pendingLock.lock();
        try {
            if (change instanceof MailboxChange.MessagesAdded) {
                addHint = true;
            } else if (change instanceof MailboxChange.MessagesExpunged e) {
                if (!own) {
                    pendingExpunged.addAll(e.uids());
                    anyExpunged = true;
                    pendingCount += e.uids().rangeCount();
                }
            } else if (change instanceof MailboxChange.FlagsChanged f) {
                if (!own) {
                    for (MessageMeta m : f.messages()) {
                        MessageMeta old = pendingFlags.get(m.uid());
                        if (old == null || old.modSeq() <= m.modSeq()) pendingFlags.put(m.uid(), m);
                    }
                    pendingCount += f.messages().size();
                }
            } else if (change instanceof MailboxChange.MailboxDeleted) {
                if (!own) fatal = Fatal.DELETED;
            } else if (change instanceof MailboxChange.UidValidityChanged) {
                fatal = Fatal.UIDVALIDITY_CHANGED;
            }
            if (pendingCount > maxPending) {
                resync = true;
                addHint = true;
                pendingFlags = new HashMap<>(4);
                pendingExpunged = UidSet.builder();
                anyExpunged = false;
                pendingCount = 0;
            }
        } finally {
            pendingLock.unlock();
        }
        signal.run();
    }

    /**
     * Polling for stores whose changes are not published: the next drain compares the view with the
     * store (expunges, flags by modSeq, new messages).
     */
    public void requestResync() {
        pendingLock.lock();
        try {
            resync = true;
            addHint = true;
        } finally {
            pendingLock.unlock();
        }
    }

    /** True if a drain would report something (or end the session). */
    public boolean hasPending() {
        pendingLock.lock();
        try {
            return addHint || resync || anyExpunged || !pendingFlags.isEmpty() || fatal != Fatal.NONE;
        } finally {
            pendingLock.unlock();
        }
    }

    // ---- drain (client side) ----

    /**
     * Reports pending changes: EXPUNGEs (only if {@code allowExpunge}; otherwise they stay pending),
     * then FETCH FLAGS, then new messages as EXISTS (and RECENT if {@code reportRecent}).
     *
     * @return {@link Fatal#NONE}, or why the session must end
     */
    public Fatal drain(boolean allowExpunge, boolean reportRecent, Sink out) {
        UidSet expunged;
        Map<Long, MessageMeta> flags;
        boolean hint;
        boolean full;
        pendingLock.lock();
        try {
            if (fatal != Fatal.NONE) return fatal;
            expunged = withheld.union(pendingExpunged.build());
            pendingExpunged = UidSet.builder();
            anyExpunged = false;
            if (pendingFlags.isEmpty()) {
                flags = Map.of();
            } else {
                flags = pendingFlags; // handed over whole: no copy, and no big empty table left behind
                pendingFlags = new HashMap<>(4);
            }
            hint = addHint;
            addHint = false;
            full = resync;
            resync = false;
            pendingCount = 0;
        } finally {
            pendingLock.unlock();
        }
        try {
            return apply(expunged, flags, hint, full, allowExpunge, reportRecent, out);
        } catch (RuntimeException e) {
            // the store failed mid-drain: nothing is lost, the next drain resynchronises from the store
            pendingLock.lock();
            try {
                resync = true;
                addHint = true;
            } finally {
                pendingLock.unlock();
            }
            throw e;
        }
    }

    private Fatal apply(UidSet expunged, Map<Long, MessageMeta> flags, boolean hint, boolean full, boolean allowExpunge,
                        boolean reportRecent, Sink out) {
        if (full) {
            // Compare with the store: what is gone, and whose flags changed since the client was told.
            List<MessageMeta> metas = mailbox.meta(all());
            UidSet.Builder present = UidSet.builder();
            Map<Long, MessageMeta> m = new HashMap<>(flags);
            for (MessageMeta meta : metas) {
                present.add(meta.uid());
                int i = msnOf(meta.uid()) - 1;
                if (i >= 0 && modSeqs[i] != meta.modSeq()) m.put(meta.uid(), meta);
            }
            expunged = expunged.union(all().minus(present.build()));
            flags = m;
        }
        if (allowExpunge) {
            applyExpunges(expunged, out);
            withheld = UidSet.empty();
        } else {
            withheld = expunged.intersect(all());
        }
        if (!flags.isEmpty()) {
            // Report the current state: the newest flags win even over events still in flight.
            UidSet.Builder b = UidSet.builder();
            for (long uid : flags.keySet()) if (msnOf(uid) > 0) b.add(uid);
            List<MessageMeta> current = full ? new ArrayList<>(flags.values()) : mailbox.meta(b.build());
            if (full) current.sort((x, y) -> Long.compare(x.uid(), y.uid()));
            for (MessageMeta m : current) {
                int msn = msnOf(m.uid());
                if (msn > 0 && modSeqs[msn - 1] != m.modSeq()) {
                    modSeqs[msn - 1] = m.modSeq();
                    out.flags(msn, m, recent.contains(m.uid()));
                }
            }
        }
        if (hint) confirmAdded(expunged, reportRecent, out);
        return Fatal.NONE;
    }

    private void applyExpunges(UidSet expunged, Sink out) {
        if (expunged.isEmpty() || size == 0) return;
        int w = 0;
        boolean any = false;
        int[] gone = new int[0];
        int goneN = 0;
        for (int i = 0; i < size; i++) {
            if (expunged.contains(uids[i])) {
                if (goneN == gone.length) gone = Arrays.copyOf(gone, Math.max(8, goneN * 2));
                gone[goneN++] = i;
                any = true;
            } else {
                modSeqs[w] = modSeqs[i];
                uids[w++] = uids[i];
            }
        }
        if (!any) return;
        // Report from the highest MSN down, so each number is valid when the client reads it.
        for (int k = goneN - 1; k >= 0; k--) out.expunge(gone[k] + 1);
        size = w;
        recent = recent.minus(expunged);
    }

    private void confirmAdded(UidSet expunged, boolean reportRecent, Sink out) {
        long max = size == 0 ? 0 : uids[size - 1];
        List<MessageMeta> added = mailbox.metaAfter(max);
        int before = size;
        for (MessageMeta m : added) {
            if (m.uid() <= max || expunged.contains(m.uid())) continue;
            if (size == uids.length) {
                uids = Arrays.copyOf(uids, Math.max(16, size * 2));
                modSeqs = Arrays.copyOf(modSeqs, uids.length);
            }
            modSeqs[size] = m.modSeq();
            uids[size++] = m.uid();
            max = m.uid();
        }
        if (size == before) return;
        if (recentTracker != null && !readOnly) recent = recent.union(recentTracker.claim(mailbox.id(), uids, before, size));
        out.exists(size);
        if (reportRecent) out.recent(recentCount());
    }

    /**
     * The session has just told the client the flags of {@code m} itself (STORE, FETCH): a pending
     * change that is not newer is dropped, so the client never sees stale flags afterwards.
     */
    public void reported(MessageMeta m) {
        pendingLock.lock();
        try {
            MessageMeta p = pendingFlags.get(m.uid());
            if (p != null && p.modSeq() <= m.modSeq()) pendingFlags.remove(m.uid());
        } finally {
            pendingLock.unlock();
        }
        int msn = msnOf(m.uid());
        if (msn > 0) modSeqs[msn - 1] = m.modSeq();
    }

    /**
     * The session itself expunged {@code gone} (EXPUNGE, UID EXPUNGE, MOVE): reports each UID the view
     * still holds once, from the highest MSN down, and forgets any pending expunge of the same UIDs.
     */
    public void expungedBySelf(UidSet gone, Sink out) {
        pendingLock.lock();
        try {
            withheld = withheld.minus(gone);
        } finally {
            pendingLock.unlock();
        }
        applyExpunges(gone, out);
    }

    @Override
    public void close() {
        if (subscription != null) subscription.close();
        signal = () -> { };
    }
}
