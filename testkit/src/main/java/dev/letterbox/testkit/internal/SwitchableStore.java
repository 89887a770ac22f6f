package dev.letterbox.testkit.internal;

import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.UserMailboxes;
import java.util.function.Supplier;

/** A store whose contents {@link #replace} swaps for fresh ones (reset between tests). */
public final class SwitchableStore implements MailStore {
    private final Supplier<MailStore> factory;
    private volatile MailStore current;

    public SwitchableStore(Supplier<MailStore> factory) {
        this.factory = factory;
        this.current = factory.get();
    }

    public MailStore current() {
        return current;
    }

    public void replace() {
        current = factory.get();
    }

    @Override
    public UserMailboxes open(String user) {
        return current.open(user);
    }

    @Override
    public boolean hasUser(String user) {
        return current.hasUser(user);
    }
}
