package dev.letterbox.smtp.delivery;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageSource;
import java.time.Instant;
import java.util.Set;

/**
 * Where {@link LocalDelivery} puts messages: the store's users and mailboxes. {@link #of} adapts a
 * {@code TrackedStore}, so deliveries publish change events (IMAP IDLE sessions see them at once).
 * Implementations are thread-safe.
 */
public interface DeliveryTarget {
    /** Whether {@code user} has mailboxes (is a local user). */
    boolean hasUser(String user);

    /** Appends {@code message} to {@code folder} of {@code user}, creating INBOX if needed. */
    void deliver(String user, MailboxPath folder, MessageSource message, Set<Flag> flags, Instant internalDate);

    /** The user's {@code \Sent} mailbox (RFC 6154), created as {@code Sent} if the user has none. */
    MailboxPath sentFolder(String user);
}
