package dev.letterbox.core.event;

import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import java.util.List;

/** A UID-keyed change of one mailbox, published through the {@link ChangeHub}. Never MSN-keyed. */
public sealed interface MailboxChange {
    MailboxId mailbox();

    Origin origin();

    /** New messages; a hint that listeners confirm with {@code Mailbox.metaAfter}. */
    record MessagesAdded(MailboxId mailbox, UidSet uids, Origin origin) implements MailboxChange { }

    /** Messages removed for good. */
    record MessagesExpunged(MailboxId mailbox, UidSet uids, Origin origin) implements MailboxChange { }

    /** The new flags of messages whose flags changed. */
    record FlagsChanged(MailboxId mailbox, List<MessageMeta> messages, Origin origin) implements MailboxChange {
        public FlagsChanged {
            messages = List.copyOf(messages);
        }
    }

    record MailboxRenamed(MailboxId mailbox, MailboxPath from, MailboxPath to, Origin origin) implements MailboxChange { }

    record MailboxDeleted(MailboxId mailbox, Origin origin) implements MailboxChange { }

    /** UIDs were reassigned: every selected session must drop the mailbox. */
    record UidValidityChanged(MailboxId mailbox, long uidValidity, Origin origin) implements MailboxChange { }
}
