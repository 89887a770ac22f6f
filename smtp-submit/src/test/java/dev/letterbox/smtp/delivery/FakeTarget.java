package dev.letterbox.smtp.delivery;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test-only delivery target recording deliveries. */
final class FakeTarget implements DeliveryTarget {
    record Delivery(String user, MailboxPath folder, byte[] bytes, Set<Flag> flags) { }

    final Set<String> users;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    String overQuotaUser = "";

    FakeTarget(String... users) {
        this.users = Set.of(users);
    }

    @Override
    public boolean hasUser(String user) {
        return users.contains(user);
    }

    @Override
    public void deliver(String user, MailboxPath folder, MessageSource message, Set<Flag> flags, Instant internalDate) {
        if (user.equals(overQuotaUser)) throw new StoreException.OverQuota("quota");
        try {
            deliveries.add(new Delivery(user, folder, message.readAllBytes(), flags));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MailboxPath sentFolder(String user) {
        return MailboxPath.of("Sent Items");
    }
}
