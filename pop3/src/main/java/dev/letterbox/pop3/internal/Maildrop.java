package dev.letterbox.pop3.internal;

import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The session's snapshot of the user's INBOX, taken at login (RFC 1939 §4): message numbers 1..n map
 * to the UIDs present then and do not change for the session, however IMAP sessions or deliveries
 * change the mailbox meanwhile. DELE only marks here; the marks reach the store at QUIT.
 */
final class Maildrop {
    private final Optional<Mailbox> inbox;
    private final CrlfSize crlfSizes;
    private final long uidValidity;
    private final long[] uids;
    private final long[] sizes;
    private final boolean[] deleted;
    private final boolean[] sizeChecked;
    private long totalSize;
    private int deletedCount;
    private long deletedSize;

    private Maildrop(Optional<Mailbox> inbox, long uidValidity, List<MessageMeta> messages, CrlfSize crlfSizes) {
        this.inbox = inbox;
        this.crlfSizes = crlfSizes;
        this.uidValidity = uidValidity;
        int n = messages.size();
        this.uids = new long[n];
        this.sizes = new long[n];
        this.deleted = new boolean[n];
        this.sizeChecked = new boolean[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            MessageMeta m = messages.get(i);
            uids[i] = m.uid();
            sizes[i] = m.size();
            total += m.size();
        }
        this.totalSize = total;
    }

    /** Snapshots {@code inbox}: its uidValidity and every message present now. */
    static Maildrop snapshot(Mailbox inbox, CrlfSize crlfSizes) {
        long validity = inbox.status().uidValidity();
        return new Maildrop(Optional.of(inbox), validity, inbox.metaAfter(0), crlfSizes);
    }

    /** A user without an INBOX yet has an empty maildrop. */
    static Maildrop empty() {
        return new Maildrop(Optional.empty(), 0, List.of(), new CrlfSize());
    }

    Optional<Mailbox> inbox() {
        return inbox;
    }

    /** Number of messages in the snapshot, deleted ones included (the highest valid message number). */
    int size() {
        return uids.length;
    }

    boolean exists(long msn) {
        return msn >= 1 && msn <= uids.length;
    }

    boolean isDeleted(int msn) {
        return deleted[msn - 1];
    }

    long uid(int msn) {
        return uids[msn - 1];
    }

    /**
     * Size in octets of the message as served: the CRLF form (RFC 1939 §5 LIST). The SPI reports that
     * size already; content held in memory is checked (lazily, and once per message across sessions),
     * so a store that keeps bare-LF messages still gets sizes that match what RETR sends.
     */
    long octets(int msn) {
        int i = msn - 1;
        if (!sizeChecked[i]) {
            sizeChecked[i] = true;
            long exact = crlfSizes.ofStored(inbox.orElseThrow(), uids[i], sizes[i]);
            if (exact != sizes[i]) {
                totalSize += exact - sizes[i];
                if (deleted[i]) deletedSize += exact - sizes[i];
                sizes[i] = exact;
            }
        }
        return sizes[i];
    }

    private void checkAllSizes() {
        for (int msn = 1; msn <= uids.length; msn++) octets(msn);
    }

    long uidValidity() {
        return uidValidity;
    }

    /** Messages not marked deleted (RFC 1939 §5 STAT). */
    int liveCount() {
        return uids.length - deletedCount;
    }

    long liveSize() {
        checkAllSizes();
        return totalSize - deletedSize;
    }

    void markDeleted(int msn) {
        if (!deleted[msn - 1]) {
            deleted[msn - 1] = true;
            deletedCount++;
            deletedSize += octets(msn);
        }
    }

    /** RFC 1939 §5 RSET: unmark every message. */
    void unmarkAll() {
        Arrays.fill(deleted, false);
        deletedCount = 0;
        deletedSize = 0;
    }

    /** The UIDs marked for deletion. */
    UidSet markedUids() {
        if (deletedCount == 0) return UidSet.empty();
        long[] marked = new long[deletedCount];
        int k = 0;
        for (int i = 0; i < uids.length; i++) {
            if (deleted[i]) marked[k++] = uids[i];
        }
        return UidSet.ofSorted(marked, 0, k);
    }
}
