package dev.letterbox.core.store;

import java.util.Objects;

/**
 * A {@link MailStore} that forwards every call to {@link #delegate()}. For hosts writing decorators —
 * caching, auditing, fault injection: extend it and override only the methods whose behaviour changes.
 * Decorate the trees it opens by overriding {@link #open(String)}, usually with a
 * {@link ForwardingUserMailboxes}.
 */
public abstract class ForwardingMailStore implements MailStore {
    private final MailStore delegate;

    protected ForwardingMailStore(MailStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store every call goes to. */
    protected MailStore delegate() {
        return delegate;
    }

    @Override
    public UserMailboxes open(String user) {
        return delegate().open(user);
    }

    @Override
    public boolean hasUser(String user) {
        return delegate().hasUser(user);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate() + "]";
    }
}
