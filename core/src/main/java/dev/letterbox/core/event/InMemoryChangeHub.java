package dev.letterbox.core.event;

import dev.letterbox.core.store.MailboxId;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The in-process {@link ChangeHub}: per-mailbox copy-on-write listener arrays, so {@link #publish}
 * takes no lock and allocates nothing. Listeners run on the publishing thread, in subscription order;
 * they must only record the change and signal their session (enqueue, wake a pump) — never block,
 * never do I/O. A listener that throws is logged and does not affect the publisher or other listeners.
 *
 * <p>Besides per-mailbox subscriptions, {@link #subscribeAll} watches every mailbox (for metrics,
 * test harnesses or cross-mailbox notification).
 */
public final class InMemoryChangeHub implements ChangeHub {
    private static final System.Logger LOG = System.getLogger(InMemoryChangeHub.class.getName());
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Consumer<MailboxChange>[] NONE = new Consumer[0];

    private final ConcurrentHashMap<MailboxId, Consumer<MailboxChange>[]> byMailbox = new ConcurrentHashMap<>();
    private volatile Consumer<MailboxChange>[] global = NONE;
    private final ReentrantLock globalLock = new ReentrantLock();

    @Override
    public Subscription subscribe(MailboxId mailbox, Consumer<MailboxChange> listener) {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(listener, "listener");
        byMailbox.compute(mailbox, (k, arr) -> with(arr, listener));
        return new Sub(() -> byMailbox.computeIfPresent(mailbox, (k, arr) -> without(arr, listener)));
    }

    /** Delivers the changes of every mailbox to {@code listener} until the subscription is closed. */
    public Subscription subscribeAll(Consumer<MailboxChange> listener) {
        Objects.requireNonNull(listener, "listener");
        updateGlobal(arr -> with(arr, listener));
        return new Sub(() -> updateGlobal(arr -> without(arr, listener)));
    }

    private void updateGlobal(UnaryOperator<Consumer<MailboxChange>[]> change) {
        globalLock.lock();
        try {
            Consumer<MailboxChange>[] now = change.apply(global);
            global = now == null ? NONE : now;
        } finally {
            globalLock.unlock();
        }
    }

    @Override
    public void publish(MailboxChange change) {
        Objects.requireNonNull(change, "change");
        Consumer<MailboxChange>[] ls = byMailbox.get(change.mailbox());
        if (ls != null) deliver(ls, change);
        Consumer<MailboxChange>[] g = global;
        if (g.length > 0) deliver(g, change);
    }

    /** Number of listeners of one mailbox (for diagnostics and tests). */
    public int listenerCount(MailboxId mailbox) {
        Consumer<MailboxChange>[] ls = byMailbox.get(mailbox);
        return ls == null ? 0 : ls.length;
    }

    private static void deliver(Consumer<MailboxChange>[] listeners, MailboxChange change) {
        for (Consumer<MailboxChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "change listener failed on " + change.getClass().getSimpleName(), e);
            }
        }
    }

    private static Consumer<MailboxChange>[] with(Consumer<MailboxChange>[] arr, Consumer<MailboxChange> l) {
        if (arr == null) arr = NONE;
        Consumer<MailboxChange>[] out = Arrays.copyOf(arr, arr.length + 1);
        out[arr.length] = l;
        return out;
    }

    /** The array without the first occurrence of {@code l} (by identity); null when it becomes empty. */
    private static Consumer<MailboxChange>[] without(Consumer<MailboxChange>[] arr, Consumer<MailboxChange> l) {
        for (int i = 0; i < arr.length; i++) {
            if (arr[i] == l) {
                if (arr.length == 1) return null;
                Consumer<MailboxChange>[] out = Arrays.copyOf(arr, arr.length - 1);
                System.arraycopy(arr, i + 1, out, i, arr.length - i - 1);
                return out;
            }
        }
        return arr;
    }

    /** Idempotent close. */
    private static final class Sub implements Subscription {
        private final Runnable remove;
        private final AtomicBoolean closed = new AtomicBoolean();

        Sub(Runnable remove) {
            this.remove = remove;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) remove.run();
        }
    }
}
