package dev.letterbox.testkit.tck;

import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import java.util.Optional;

/**
 * What the contract interfaces of the store TCK need from the test class; {@link MailStoreTck}
 * implements it. Each test gets a fresh store from the host's factory.
 */
public interface TckContext {
    /** The store under test, fresh for this test. */
    MailStore store();

    /** The user whose mailboxes the tests use; the store must accept it. */
    String user();

    /** A second user, for cross-user tests. */
    String otherUser();

    /** The mailboxes of {@link #user()}, opened once per test. */
    UserMailboxes mailboxes();

    /**
     * A fresh store in which {@link #user()} has the given limits (-1 = unlimited), or empty if the
     * store has no quota support (quota tests are then skipped).
     */
    Optional<MailStore> storeWithQuota(long maxBytes, long maxMessages);

    /** INBOX of {@link #user()}, created first if the store does not create it by itself. */
    default Mailbox inbox() {
        return openOrCreate(mailboxes(), MailboxPath.INBOX);
    }

    /** A top-level test folder (named {@code tck-...} to stay clear of a store's default folders). */
    default Mailbox folder(String name) {
        return openOrCreate(mailboxes(), MailboxPath.of(name));
    }

    static Mailbox openOrCreate(UserMailboxes u, MailboxPath path) {
        try {
            return u.open(path);
        } catch (StoreException.NoSuchMailbox e) {
            try {
                u.create(path, Optional.empty());
            } catch (StoreException.MailboxExists raced) {
                // fine
            }
            return u.open(path);
        }
    }
}
