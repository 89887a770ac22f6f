package dev.letterbox.imap4.internal;

import dev.letterbox.core.net.Connection;
import dev.letterbox.imap4.internal.codec.ImapWriter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The push side of IDLE (RFC 2177, ARCHITECTURE §4) for one session. A change recorded by the
 * {@link SelectedView} raises a level-triggered signal; at most one pump is queued on the
 * connection's executor at a time, and it drains everything pending (EXPUNGE included) and writes it
 * as one burst under the connection's write lock. The publisher only enqueues; it never writes and
 * never blocks. Optional heartbeat ({@code * OK Still here}) and store polling run on a shared timer
 * that only hands work to the connection's executor.
 *
 * <p>Every pump, heartbeat and stop holds the session's view lock, so pushes never interleave with
 * the session's own drains (the first drain after {@code + idling}, the final one after DONE).
 */
final class IdlePump {
    private static final System.Logger LOG = System.getLogger(IdlePump.class.getName());

    private final ImapSession session;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean active;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> poller;

    IdlePump(ImapSession session, ScheduledExecutorService timer) {
        this.session = session;
        this.timer = timer;
    }

    boolean active() {
        return active;
    }

    /** Called with the view lock held, before the first drain. */
    void start() {
        active = true;
        SelectedView view = session.viewOrNull();
        if (view != null) view.onSignal(this::schedule);
        ImapConfig config = session.config();
        Connection conn = session.conn();
        long hb = config.idleHeartbeat().toMillis();
        if (hb > 0 && timer != null) {
            // the first after a random 50-100 % of the interval: clients that started IDLE together
            // (e.g. all reconnecting after a restart) are not all woken in the same instant ever after
            long first = hb / 2 + ThreadLocalRandom.current().nextLong(hb - hb / 2 + 1);
            heartbeat = timer.scheduleAtFixedRate(() -> conn.executor().execute(this::heartbeat), first, hb,
                    TimeUnit.MILLISECONDS);
        }
        long poll = config.storePolling().toMillis();
        if (poll > 0 && timer != null && view != null) {
            poller = timer.scheduleAtFixedRate(() -> {
                view.requestResync();
                schedule();
            }, poll, poll, TimeUnit.MILLISECONDS);
        }
    }

    /** Ends pushing (DONE, fatal drain, connection gone); idempotent. */
    void stop() {
        active = false;
        SelectedView view = session.viewOrNull();
        if (view != null) view.onSignal(null);
        if (heartbeat != null) heartbeat.cancel(false);
        heartbeat = null;
        if (poller != null) poller.cancel(false);
        poller = null;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                session.conn().executor().execute(this::pump);
            } catch (RuntimeException e) {
                scheduled.set(false);
            }
        }
    }

    /** Writes pending changes to the idling client. */
    private void pump() {
        session.viewLock().lock();
        try {
            // Re-armed only once this pump owns the view: while a push is stuck in a socket write (a
            // client that stopped reading), at most one more pump waits for it, however many changes
            // arrive. Re-arming before the drain reads the pending changes loses no wake-up.
            scheduled.set(false);
            SelectedView view = session.viewOrNull();
            Connection conn = session.conn();
            if (!active || view == null || !conn.isOpen()) return;
            ImapWriter w = session.newWriter();
            SelectedView.Fatal f = view.drain(true, session.reportRecent(), session.sinkFor(w));
            if (f != SelectedView.Fatal.NONE) w.untaggedStatus("BYE", null, ImapSession.byeText(f));
            conn.writeLock().lock();
            try {
                w.sendTo(conn);
                conn.flush();
            } finally {
                conn.writeLock().unlock();
            }
            if (f != SelectedView.Fatal.NONE) {
                stop();
                conn.close();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "[" + session.info().sessionId() + "] IDLE push failed", e);
        } finally {
            session.viewLock().unlock();
        }
    }

    private void heartbeat() {
        // a push or the session itself is writing (or stuck writing) right now: that is proof of life
        // enough, and a heartbeat must never queue up behind a stalled write
        if (!session.viewLock().tryLock()) return;
        try {
            if (!active || !session.conn().isOpen()) return;
            session.lockedWrite(w -> w.untaggedStatus("OK", null, "Still here"));
        } finally {
            session.viewLock().unlock();
        }
    }
}
