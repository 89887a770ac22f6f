package dev.letterbox.core.event;

import dev.letterbox.core.store.ForwardingMailbox;
import dev.letterbox.core.store.ForwardingUserMailboxes;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.util.Optional;

/** A tree whose mailboxes forward everything except {@code moveTo}, like a store without atomic move. */
final class NoMoveUserMailboxes extends ForwardingUserMailboxes {
    NoMoveUserMailboxes(UserMailboxes d) {
        super(d);
    }

    @Override
    public Mailbox open(MailboxPath path) {
        return new NoMove(delegate().open(path));
    }

    static final class NoMove extends ForwardingMailbox {
        NoMove(Mailbox m) {
            super(m);
        }

        @Override
        public Optional<CopyResult> moveTo(UidSet uids, Mailbox target) {
            return Optional.empty();
        }
    }
}
