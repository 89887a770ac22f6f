package dev.letterbox.core.store;

/** The host's storage, entry point of the SPI. */
public interface MailStore {
    /**
     * Opens the mailboxes of an authenticated user. Called once per session after authentication,
     * and by local delivery.
     *
     * @throws StoreException.NoSuchMailbox if the store has no such user and does not create users
     */
    UserMailboxes open(String user);

    /** True if the store holds (or would create) mailboxes for {@code user}. */
    default boolean hasUser(String user) {
        return true;
    }
}
