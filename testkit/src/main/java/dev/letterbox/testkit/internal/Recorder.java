package dev.letterbox.testkit.internal;

import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ConnectionListener;
import dev.letterbox.core.net.TlsInfo;
import dev.letterbox.core.net.WireTrace.Direction;
import dev.letterbox.testkit.ConnectionRecord;
import dev.letterbox.testkit.RecordedCommand;
import dev.letterbox.testkit.Service;
import dev.letterbox.testkit.Submission;
import dev.letterbox.testkit.TranscriptLine;
import dev.letterbox.testkit.fault.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Everything a test server observed: connections, commands, transcripts, submissions. One lock and one
 * condition; every change signals it, and every wait is bounded.
 */
public final class Recorder implements ConnectionListener {
    private static final int RECENT_LINES = 40;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<ConnectionTap> connections = new ArrayList<>();
    private final Map<String, ConnectionTap> bySession = new ConcurrentHashMap<>();
    private final List<RecordedCommand> commands = new ArrayList<>();
    private final List<Submission> submissions = new ArrayList<>();
    private final FaultPlan faults;
    private final FailableTls tls;
    private final java.util.ArrayDeque<TranscriptLine> recent = new java.util.ArrayDeque<>();
    private long version;

    public Recorder(FaultPlan faults, FailableTls tls) {
        this.faults = faults;
        this.tls = tls;
    }

    // ---- ConnectionListener (transport) ----

    @Override
    public void connected(ConnectionInfo info) {
        Service service = Service.ofEndpoint(info.endpoint());
        List<Fault> connect = faults.match(service, Optional.empty(), Optional.empty());
        if (service.implicitTls() && connect.stream().anyMatch(f -> f.effect() instanceof dev.letterbox.testkit.fault.Effect.FailTlsHandshake)) {
            tls.failNext(info.remote());
        }
        lock.lock();
        try {
            ConnectionTap tap = new ConnectionTap(connections.size(), service, info, connect);
            connections.add(tap);
            bySession.put(info.sessionId(), tap);
            signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void tlsEstablished(ConnectionInfo info, TlsInfo t) {
        ConnectionTap tap = bySession.get(info.sessionId());
        if (tap == null) return;
        tap.tls = Optional.of(t);
        update(() -> line(tap, Direction.SERVER, "(" + t.protocol() + " " + t.cipherSuite() + ")"));
    }

    @Override
    public void closed(ConnectionInfo info, CloseReason reason) {
        ConnectionTap tap = bySession.get(info.sessionId());
        if (tap == null) return;
        tls.forget(info.remote());
        update(() -> {
            tap.open = false;
            line(tap, Direction.SERVER, "(closed: " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        });
    }

    // ---- reports from the sessions (through the faulting connection's events) ----

    /** The tap of a connection the transport reported, or a new one (sessions driven in memory). */
    ConnectionTap attach(ConnectionInfo info) {
        ConnectionTap tap = bySession.get(info.sessionId());
        if (tap != null) return tap;
        connected(info);
        return bySession.get(info.sessionId());
    }

    void command(ConnectionTap tap, String verb) {
        update(() -> {
            if (tap.pendingLine != null && mentions(tap.pendingLine, verb)) {
                add(tap, verb, tap.pendingLine);
                tap.pendingLine = null;
            } else {
                tap.pendingVerb = verb;
            }
        });
    }

    void clientLine(ConnectionTap tap, String line) {
        update(() -> {
            line(tap, Direction.CLIENT, line);
            if (tap.pendingVerb != null) {
                add(tap, tap.pendingVerb, line);
                tap.pendingVerb = null;
            } else {
                tap.pendingLine = line;
            }
        });
    }

    void serverLine(ConnectionTap tap, String line) {
        update(() -> line(tap, Direction.SERVER, line));
    }

    void note(ConnectionTap tap, String text) {
        update(() -> line(tap, Direction.SERVER, "(" + text + ")"));
    }

    void authenticated(ConnectionTap tap, String user, String mechanism) {
        tap.user = Optional.of(user);
        tap.mechanism = Optional.of(mechanism);
        update(() -> { });
    }

    private void line(ConnectionTap tap, Direction d, String text) {
        TranscriptLine l = tap.line(d, text);
        recent.addLast(l);
        if (recent.size() > RECENT_LINES) recent.removeFirst();
    }

    private static boolean mentions(String line, String verb) {
        return line.toUpperCase(Locale.ROOT).contains(verb);
    }

    private void add(ConnectionTap tap, String verb, String line) {
        commands.add(new RecordedCommand(tap.index, tap.service, tap.user, verb, line));
    }

    public void submission(Function<ConnectionTap, Submission> make, String sessionId) {
        ConnectionTap tap = bySession.get(sessionId);
        if (tap == null) return;
        Submission s = make.apply(tap);
        update(() -> submissions.add(s));
    }

    // ---- queries ----

    public List<RecordedCommand> commands() {
        lock.lock();
        try {
            return List.copyOf(commands);
        } finally {
            lock.unlock();
        }
    }

    public List<Submission> submissions() {
        lock.lock();
        try {
            return List.copyOf(submissions);
        } finally {
            lock.unlock();
        }
    }

    public List<ConnectionRecord> connections() {
        lock.lock();
        try {
            return connections.stream().map(ConnectionTap::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The last lines over all connections, for failure messages. */
    public String recentTranscript() {
        lock.lock();
        try {
            StringBuilder sb = new StringBuilder();
            if (recent.isEmpty()) sb.append("  (nothing)\n");
            for (TranscriptLine l : recent) sb.append("  ").append(l).append('\n');
            return sb.toString();
        } finally {
            lock.unlock();
        }
    }

    public void clear() {
        update(() -> {
            connections.clear();
            bySession.clear();
            commands.clear();
            submissions.clear();
            recent.clear();
        });
    }

    /** Wakes waiters: something outside the recorder changed (a mailbox). */
    public void poke() {
        update(() -> { });
    }

    private void update(Runnable r) {
        lock.lock();
        try {
            r.run();
            signal();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        version++;
        changed.signalAll();
    }

    /**
     * Waits until {@code condition} holds; the condition is evaluated without the lock (it may read the
     * store). Fails with an {@link AssertionError} naming {@code what} and the recent transcript.
     */
    public void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            lock.lock();
            try {
                seen = version;
            } finally {
                lock.unlock();
            }
            if (condition.getAsBoolean()) return;
            lock.lock();
            try {
                while (version == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what.get()
                                + "\nRecent transcript:\n" + recentTranscript());
                    }
                    changed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what.get(), e);
            } finally {
                lock.unlock();
            }
        }
    }
}
