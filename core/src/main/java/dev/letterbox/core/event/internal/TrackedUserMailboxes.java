package dev.letterbox.core.event.internal;

import dev.letterbox.core.event.MailboxChange;
import dev.letterbox.core.store.ForwardingUserMailboxes;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.util.List;

/**
 * A user's mailbox tree seen through {@link dev.letterbox.core.event.TrackedStore}: mailboxes it opens
 * are tracked; DELETE publishes {@link MailboxChange.MailboxDeleted}; RENAME publishes
 * {@link MailboxChange.MailboxRenamed} for the mailbox and each descendant, or — for INBOX, whose
 * messages move out (RFC 3501 §6.3.5) — {@link MailboxChange.MessagesExpunged} on INBOX.
 */
@SuppressWarnings("try") // try-with-resources holds a mailbox lock
public final class TrackedUserMailboxes extends ForwardingUserMailboxes {
    private final Tracking tracking;

    TrackedUserMailboxes(UserMailboxes delegate, Tracking tracking) {
        super(delegate);
        this.tracking = tracking;
    }

    /** The store's own tree. */
    @Override
    public UserMailboxes delegate() {
        return super.delegate();
    }

    @Override
    public Mailbox open(MailboxPath path) {
        return tracking.wrap(delegate().open(path));
    }

    @Override
    public void delete(MailboxPath path) {
        MailboxInfo info = find(path);
        try (var held = tracking.locks().lock(info.id())) {
            delegate().delete(path);
            if (info.selectable()) tracking.publish(new MailboxChange.MailboxDeleted(info.id(), tracking.origin()));
        }
    }

    @Override
    public void rename(MailboxPath from, MailboxPath to) {
        if (from.isInbox()) {
            renameInbox(to);
            return;
        }
        List<MailboxInfo> all = delegate().list();
        MailboxInfo top = all.stream().filter(i -> i.path().equals(from)).findFirst()
                .orElseThrow(() -> new StoreException.NoSuchMailbox("no mailbox " + from));
        try (var held = tracking.locks().lock(top.id())) {
            delegate().rename(from, to);
            for (MailboxInfo i : all) {
                if (i.path().isSameOrDescendantOf(from)) {
                    tracking.publish(new MailboxChange.MailboxRenamed(i.id(), i.path(), i.path().reparent(from, to),
                            tracking.origin()));
                }
            }
        }
    }

    private void renameInbox(MailboxPath to) {
        Mailbox inbox = delegate().open(MailboxPath.INBOX);
        MailboxId id = inbox.id();
        try (var held = tracking.locks().lock(id)) {
            UidSet before = inbox.allUids();
            delegate().rename(MailboxPath.INBOX, to);
            UidSet gone = before.minus(inbox.allUids());
            if (!gone.isEmpty()) tracking.publish(new MailboxChange.MessagesExpunged(id, gone, tracking.origin()));
        }
    }

    private MailboxInfo find(MailboxPath path) {
        for (MailboxInfo i : delegate().list()) {
            if (i.path().equals(path)) return i;
        }
        throw new StoreException.NoSuchMailbox("no mailbox " + path);
    }
}
