package dev.letterbox.core.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mailboxes of one user, opened after authentication and closed at logout. Thread-safe: one user
 * may have many concurrent sessions, each with its own {@code UserMailboxes} or a shared one.
 */
public interface UserMailboxes extends AutoCloseable {
    /** The user this tree belongs to. */
    String user();

    /** Every mailbox of the user, including non-selectable placeholders that have children. */
    List<MailboxInfo> list();

    /** @throws StoreException.NoSuchMailbox if there is none at {@code path} */
    Mailbox open(MailboxPath path);

    /** The mailbox with this special use, if the user has one. */
    default Optional<MailboxInfo> findSpecialUse(SpecialUse use) {
        return list().stream().filter(i -> i.specialUse().equals(Optional.of(use))).findFirst();
    }

    /**
     * Creates a mailbox and any missing parents (RFC 3501 §6.3.3).
     *
     * @throws StoreException.MailboxExists if it exists already
     */
    MailboxInfo create(MailboxPath path, Optional<SpecialUse> specialUse);

    /**
     * Deletes a mailbox and its messages. A mailbox with children becomes a non-selectable
     * placeholder instead (RFC 3501 §6.3.4); INBOX cannot be deleted ({@link StoreException.NotAllowed}).
     */
    void delete(MailboxPath path);

    /**
     * Renames a mailbox and everything below it. Renaming INBOX moves all its messages into a new
     * mailbox {@code to} and leaves INBOX empty (RFC 3501 §6.3.5).
     */
    void rename(MailboxPath from, MailboxPath to);

    Set<MailboxPath> subscriptions();

    /** Subscribing to a name that does not exist is allowed (RFC 3501 §6.3.6). */
    void subscribe(MailboxPath path);

    void unsubscribe(MailboxPath path);

    /** Storage quota for this user, if limited. */
    default Optional<Quota> quota() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }

    /** @param maxBytes storage limit, or -1; @param maxMessages message-count limit, or -1 */
    record Quota(long usedBytes, long maxBytes, long usedMessages, long maxMessages) {
    }
}
