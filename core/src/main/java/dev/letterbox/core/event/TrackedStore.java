package dev.letterbox.core.event;

import dev.letterbox.core.event.internal.MailboxLocks;
import dev.letterbox.core.event.internal.Tracking;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The path through which the library changes a {@link MailStore} (ARCHITECTURE §4). Every mutation of
 * a mailbox opened here takes that mailbox's lock, calls the store, publishes the UID-keyed
 * {@link MailboxChange} with the session's {@link Origin} to the {@link ChangeHub}, and unlocks. Reads
 * pass straight through. Hosts that change the store behind the library's back publish through
 * {@link #hub()} themselves, or use {@link #deliver} for new mail.
 *
 * <p>Hub listeners run on the mutating thread while the mailbox lock is held (that keeps the
 * published order equal to the order of changes), so they must only record and signal — never
 * block, do I/O or call the store. A hub that throws is logged; the committed change stands.
 * Lock order: tracked mailbox locks (two at a time for MOVE, in id order), then the store's own.
 */
public final class TrackedStore {
    private final MailStore store;
    private final ChangeHub hub;
    private final MailboxLocks locks = new MailboxLocks();
    private final Tracking host;

    public TrackedStore(MailStore store, ChangeHub hub) {
        this.store = Objects.requireNonNull(store, "store");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.host = new Tracking(hub, locks, Origin.HOST);
    }

    /** A tracked store over {@code store} with a fresh {@link InMemoryChangeHub}. */
    public static TrackedStore of(MailStore store) {
        return new TrackedStore(store, new InMemoryChangeHub());
    }

    /**
     * Opens a user's mailboxes for a session; every change made through them is published with
     * {@code origin}.
     */
    public UserMailboxes open(String user, Origin origin) {
        Objects.requireNonNull(origin, "origin");
        Tracking t = origin.equals(Origin.HOST) ? host : new Tracking(hub, locks, origin);
        return t.wrap(store.open(user));
    }

    /**
     * Delivers a message on behalf of the host (local delivery, SMTP hand-off, test fixtures) and
     * publishes it with {@link Origin#HOST}. INBOX is created if the store lacks it.
     *
     * @throws StoreException.NoSuchMailbox if {@code folder} is not INBOX and does not exist
     */
    public MessageMeta deliver(String user, MailboxPath folder, MessageSource src, Set<Flag> flags,
                               Instant internalDate) {
        Objects.requireNonNull(folder, "folder");
        try (UserMailboxes u = open(user, Origin.HOST)) {
            Mailbox m;
            try {
                m = u.open(folder);
            } catch (StoreException.NoSuchMailbox e) {
                if (!folder.isInbox()) throw e;
                try {
                    u.create(MailboxPath.INBOX, Optional.empty());
                } catch (StoreException.MailboxExists raced) {
                    // created meanwhile
                }
                m = u.open(folder);
            }
            return m.append(src, flags, internalDate);
        }
    }

    /** Delivers into INBOX with no flags, dated now. */
    public MessageMeta deliver(String user, MessageSource src) {
        return deliver(user, MailboxPath.INBOX, src, Set.of(), Instant.now());
    }

    public ChangeHub hub() {
        return hub;
    }

    public MailStore store() {
        return store;
    }
}
