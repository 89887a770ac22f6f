package dev.letterbox.core.event.internal;

import dev.letterbox.core.event.MailboxChange;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.ForwardingMailbox;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.UidSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A store mailbox seen through {@link dev.letterbox.core.event.TrackedStore}: reads pass through;
 * every change takes the mailbox lock, calls the store, publishes the UID-keyed change with the
 * session's origin, and unlocks — so changes of one mailbox are published in the order they happened.
 */
@SuppressWarnings("try") // try-with-resources holds a mailbox lock
public final class TrackedMailbox extends ForwardingMailbox {
    private final Tracking tracking;

    TrackedMailbox(Mailbox delegate, Tracking tracking) {
        super(delegate);
        this.tracking = tracking;
    }

    /** The store's own mailbox. */
    @Override
    public Mailbox delegate() {
        return super.delegate();
    }

    Tracking tracking() {
        return tracking;
    }

    static Mailbox unwrap(Mailbox m) {
        return m instanceof TrackedMailbox t ? t.delegate() : m;
    }

    @Override
    public MessageMeta append(MessageSource source, Set<Flag> flags, Instant internalDate) {
        MailboxId id = delegate().id();
        try (var held = tracking.locks().lock(id)) {
            MessageMeta meta = delegate().append(source, flags, internalDate);
            tracking.publish(new MailboxChange.MessagesAdded(id, UidSet.of(meta.uid()), tracking.origin()));
            return meta;
        }
    }

    @Override
    public List<MessageMeta> updateFlags(UidSet uids, FlagOp op, Set<Flag> flags) {
        MailboxId id = delegate().id();
        try (var held = tracking.locks().lock(id)) {
            List<MessageMeta> changed = delegate().updateFlags(uids, op, flags);
            if (!changed.isEmpty()) tracking.publish(new MailboxChange.FlagsChanged(id, changed, tracking.origin()));
            return changed;
        }
    }

    @Override
    public UidSet delete(UidSet uids) {
        MailboxId id = delegate().id();
        try (var held = tracking.locks().lock(id)) {
            UidSet gone = delegate().delete(uids);
            if (!gone.isEmpty()) tracking.publish(new MailboxChange.MessagesExpunged(id, gone, tracking.origin()));
            return gone;
        }
    }

    @Override
    public CopyResult copyTo(UidSet uids, Mailbox target) {
        Mailbox raw = unwrap(target);
        MailboxId tid = raw.id();
        try (var held = tracking.locks().lock(tid)) {
            CopyResult r = delegate().copyTo(uids, raw);
            if (r.targetUids().length > 0) {
                tracking.publish(new MailboxChange.MessagesAdded(tid, r.targetSet(), tracking.origin()));
            }
            return r;
        }
    }

    /**
     * Moves atomically if the store can, else copies and then deletes what was copied (RFC 6851 §3.3
     * allows that as long as the client sees the same result). Always returns a result.
     */
    @Override
    public Optional<CopyResult> moveTo(UidSet uids, Mailbox target) {
        Mailbox raw = unwrap(target);
        MailboxId id = delegate().id();
        MailboxId tid = raw.id();
        try (var held = tracking.locks().lock(id, tid)) {
            Optional<CopyResult> atomic = delegate().moveTo(uids, raw);
            CopyResult r;
            UidSet gone;
            if (atomic.isPresent()) {
                r = atomic.get();
                gone = r.sourceSet();
            } else {
                r = delegate().copyTo(uids, raw);
                gone = r.sourceUids().length == 0 ? UidSet.empty() : delegate().delete(r.sourceSet());
            }
            if (r.targetUids().length > 0) {
                tracking.publish(new MailboxChange.MessagesAdded(tid, r.targetSet(), tracking.origin()));
            }
            if (!gone.isEmpty()) tracking.publish(new MailboxChange.MessagesExpunged(id, gone, tracking.origin()));
            return Optional.of(r);
        }
    }

    @Override
    public String toString() {
        return "Tracked[" + delegate() + "]";
    }
}
