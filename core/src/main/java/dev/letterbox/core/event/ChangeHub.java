package dev.letterbox.core.event;

import dev.letterbox.core.store.MailboxId;
import java.util.function.Consumer;

/**
 * Fans out mailbox changes to the sessions that watch a mailbox. {@link #publish} never blocks and
 * never writes to a socket: listeners are called on the publisher's thread and must only record the
 * change and signal their own session (e.g. enqueue and wake an IDLE pump).
 */
public interface ChangeHub {
    /** Starts delivering changes of {@code mailbox} to {@code listener} until the subscription is closed. */
    Subscription subscribe(MailboxId mailbox, Consumer<MailboxChange> listener);

    void publish(MailboxChange change);

    /** An active subscription; closing it is idempotent. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
