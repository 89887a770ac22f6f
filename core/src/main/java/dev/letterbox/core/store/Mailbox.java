package dev.letterbox.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One mailbox of one user, addressed only by UID. Message sequence numbers never cross this SPI:
 * the library derives them per session.
 *
 * <p>Contract (checked by the store TCK in {@code letterbox-testkit}):
 * <ol>
 *   <li>A UID becomes visible only after every lower UID of this mailbox is visible or gone
 *       (allocate at commit under a per-mailbox lock). UIDs strictly ascend; {@code uidValidity}
 *       changes only if UIDs are reassigned.</li>
 *   <li>{@code highestModSeq} increases on every change of the mailbox.</li>
 *   <li>All methods are thread-safe. They may block; the library never holds a socket while calling them.</li>
 * </ol>
 * Failures are {@link StoreException} subclasses.
 */
public interface Mailbox {
    MailboxId id();

    /** The current path (changes on rename; the id does not). */
    MailboxPath path();

    MailboxStatus status();

    /** Every UID currently in the mailbox. */
    UidSet allUids();

    /** Messages with a UID greater than {@code uid}, ascending. */
    List<MessageMeta> metaAfter(long uid);

    /** The messages of {@code uids} that still exist, ascending by UID. */
    List<MessageMeta> meta(UidSet uids);

    /** @throws StoreException.NoSuchMessage if the message is gone */
    MessageContent content(long uid);

    /**
     * Stores a message. {@code source} is CRLF-normalised; the store must keep its bytes exactly.
     * {@link Flag#RECENT} in {@code flags} is ignored.
     *
     * @return the new message's meta (its UID is the one reported to clients as APPENDUID)
     */
    MessageMeta append(MessageSource source, Set<Flag> flags, Instant internalDate);

    /**
     * Changes flags of the existing messages among {@code uids}.
     *
     * @return the new meta of each message whose flags actually changed, ascending by UID
     */
    List<MessageMeta> updateFlags(UidSet uids, FlagOp op, Set<Flag> flags);

    /**
     * Removes messages permanently (IMAP EXPUNGE). Idempotent by UID.
     *
     * @return the UIDs that were present and are now gone
     */
    UidSet delete(UidSet uids);

    /**
     * Copies the existing messages among {@code uids} into {@code target} (same store), keeping bytes,
     * flags and internal dates. New UIDs are assigned in the order of the source UIDs.
     */
    CopyResult copyTo(UidSet uids, Mailbox target);

    /**
     * Atomic move, if the store supports it; empty means "not supported" and the library copies and
     * deletes instead.
     */
    default Optional<CopyResult> moveTo(UidSet uids, Mailbox target) {
        return Optional.empty();
    }

    /**
     * The source and target UIDs of a copy or move, pairwise in ascending source order (the RFC 4315
     * COPYUID response code).
     */
    record CopyResult(long targetUidValidity, long[] sourceUids, long[] targetUids) {
        public CopyResult {
            if (sourceUids.length != targetUids.length) throw new IllegalArgumentException("length mismatch");
        }

        public UidSet sourceSet() {
            return UidSet.of(sourceUids);
        }

        public UidSet targetSet() {
            return UidSet.of(targetUids);
        }
    }
}
