package dev.letterbox.core.event.internal;

import dev.letterbox.core.event.ChangeHub;
import dev.letterbox.core.event.MailboxChange;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.UserMailboxes;
import java.lang.System.Logger.Level;

/** What tracked wrappers share: the hub, the per-mailbox locks and the origin of their session. */
public record Tracking(ChangeHub hub, MailboxLocks locks, Origin origin) {
    private static final System.Logger LOG = System.getLogger(Tracking.class.getName());

    /** Publishes a change that has already been committed; a failing hub must not undo or fail it. */
    void publish(MailboxChange change) {
        try {
            hub.publish(change);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "change hub failed to publish " + change.getClass().getSimpleName(), e);
        }
    }

    public Mailbox wrap(Mailbox m) {
        return m instanceof TrackedMailbox t && t.tracking() == this ? m : new TrackedMailbox(TrackedMailbox.unwrap(m), this);
    }

    public UserMailboxes wrap(UserMailboxes u) {
        return new TrackedUserMailboxes(u, this);
    }
}
