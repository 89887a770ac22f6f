package dev.letterbox.smtp.delivery;

import dev.letterbox.core.event.Origin;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import java.time.Instant;
import java.util.Optional;
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

    /**
     * Delivery through a {@link TrackedStore}: local users are {@code MailStore.hasUser}, messages go in
     * with {@link TrackedStore#deliver} (origin HOST, so IDLE sessions see them at once), and a
     * missing {@code \Sent} mailbox is created as {@code Sent}.
     */
    static DeliveryTarget of(TrackedStore store) {
        return new DeliveryTarget() {
            @Override
            public boolean hasUser(String user) {
                return store.store().hasUser(user);
            }

            @Override
            public void deliver(String user, MailboxPath folder, MessageSource message, Set<Flag> flags, Instant internalDate) {
                store.deliver(user, folder, message, flags, internalDate);
            }

            @Override
            public MailboxPath sentFolder(String user) {
                try (UserMailboxes u = store.open(user, Origin.HOST)) {
                    Optional<MailboxInfo> sent = u.findSpecialUse(SpecialUse.SENT);
                    if (sent.isPresent()) return sent.get().path();
                    MailboxPath path = MailboxPath.of("Sent");
                    try {
                        u.create(path, Optional.of(SpecialUse.SENT));
                    } catch (StoreException.MailboxExists e) {
                        // a folder named Sent without the attribute, or created meanwhile: use it
                    }
                    return path;
                }
            }
        };
    }
}
