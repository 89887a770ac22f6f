package dev.letterbox.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link UserMailboxes} that forwards every call, default methods included, to {@link #delegate()}.
 * For hosts writing decorators — caching, auditing, fault injection: extend it and override only the
 * methods whose behaviour changes. Decorate the mailboxes it opens by overriding
 * {@link #open(MailboxPath)}, usually with a {@link ForwardingMailbox}.
 */
public abstract class ForwardingUserMailboxes implements UserMailboxes {
    private final UserMailboxes delegate;

    protected ForwardingUserMailboxes(UserMailboxes delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The tree every call goes to. */
    protected UserMailboxes delegate() {
        return delegate;
    }

    @Override
    public String user() {
        return delegate().user();
    }

    @Override
    public List<MailboxInfo> list() {
        return delegate().list();
    }

    @Override
    public Mailbox open(MailboxPath path) {
        return delegate().open(path);
    }

    @Override
    public Optional<MailboxInfo> findSpecialUse(SpecialUse use) {
        return delegate().findSpecialUse(use);
    }

    @Override
    public MailboxInfo create(MailboxPath path, Optional<SpecialUse> specialUse) {
        return delegate().create(path, specialUse);
    }

    @Override
    public void delete(MailboxPath path) {
        delegate().delete(path);
    }

    @Override
    public void rename(MailboxPath from, MailboxPath to) {
        delegate().rename(from, to);
    }

    @Override
    public Set<MailboxPath> subscriptions() {
        return delegate().subscriptions();
    }

    @Override
    public void subscribe(MailboxPath path) {
        delegate().subscribe(path);
    }

    @Override
    public void unsubscribe(MailboxPath path) {
        delegate().unsubscribe(path);
    }

    @Override
    public Optional<Quota> quota() {
        return delegate().quota();
    }

    @Override
    public void close() {
        delegate().close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate() + "]";
    }
}
