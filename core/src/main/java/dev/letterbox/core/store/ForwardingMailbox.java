package dev.letterbox.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Mailbox} that forwards every call, default methods included, to {@link #delegate()}. For
 * hosts writing decorators — caching, auditing, fault injection: extend it and override only the
 * methods whose behaviour changes.
 *
 * <p>{@link #copyTo} and {@link #moveTo} hand the delegate {@link #unwrapTarget(Mailbox) the target
 * without this decorator}, so a store that requires its own mailbox as the target still gets one.
 */
public abstract class ForwardingMailbox implements Mailbox {
    private final Mailbox delegate;

    protected ForwardingMailbox(Mailbox delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The mailbox every call goes to. */
    protected Mailbox delegate() {
        return delegate;
    }

    /**
     * The target to pass to the delegate's {@code copyTo}/{@code moveTo}: if {@code target} is a
     * decorator of the same class as this one, its delegate; otherwise {@code target} itself.
     */
    protected Mailbox unwrapTarget(Mailbox target) {
        return target instanceof ForwardingMailbox f && f.getClass() == getClass() ? f.delegate() : target;
    }

    @Override
    public MailboxId id() {
        return delegate().id();
    }

    @Override
    public MailboxPath path() {
        return delegate().path();
    }

    @Override
    public MailboxStatus status() {
        return delegate().status();
    }

    @Override
    public UidSet allUids() {
        return delegate().allUids();
    }

    @Override
    public List<MessageMeta> metaAfter(long uid) {
        return delegate().metaAfter(uid);
    }

    @Override
    public List<MessageMeta> meta(UidSet uids) {
        return delegate().meta(uids);
    }

    @Override
    public MessageContent content(long uid) {
        return delegate().content(uid);
    }

    @Override
    public MessageMeta append(MessageSource source, Set<Flag> flags, Instant internalDate) {
        return delegate().append(source, flags, internalDate);
    }

    @Override
    public List<MessageMeta> updateFlags(UidSet uids, FlagOp op, Set<Flag> flags) {
        return delegate().updateFlags(uids, op, flags);
    }

    @Override
    public UidSet delete(UidSet uids) {
        return delegate().delete(uids);
    }

    @Override
    public CopyResult copyTo(UidSet uids, Mailbox target) {
        return delegate().copyTo(uids, unwrapTarget(target));
    }

    @Override
    public Optional<CopyResult> moveTo(UidSet uids, Mailbox target) {
        return delegate().moveTo(uids, unwrapTarget(target));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate() + "]";
    }
}
