package dev.letterbox.testkit.internal;

import dev.letterbox.core.net.Connection;
import dev.letterbox.core.net.ConnectionEvents;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.TlsInfo;
import dev.letterbox.testkit.fault.Effect;
import dev.letterbox.testkit.fault.Fault;
import dev.letterbox.testkit.fault.Phase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;

/**
 * The connection a protocol session sees under test: records its reports, passes output through, and
 * holds back the output of a response that has faults armed on it until the session is done with the
 * command, then sends it with the faults applied at their offsets.
 */
final class FaultingConnection implements Connection, ConnectionEvents {
    private final Connection real;
    private final ConnectionTap tap;
    private final Env env;
    /**
     * The real connection's write lock guards the output state too: a writer outside the connection
     * thread (an IDLE push) takes it before writing, so one lock keeps the order and cannot deadlock.
     */
    private final Lock out;
    private final LastLine lastLine = new LastLine();
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private Response armed;
    private volatile boolean stalled;
    private volatile boolean tlsRequested;

    FaultingConnection(Connection real, ConnectionTap tap, Env env) {
        this.real = real;
        this.tap = tap;
        this.env = env;
        this.out = real.writeLock();
    }

    ConnectionTap tap() {
        return tap;
    }

    String lastServerLine() {
        out.lock();
        try {
            return lastLine.last();
        } finally {
            out.unlock();
        }
    }

    boolean stalled() {
        return stalled;
    }

    boolean tlsRequested() {
        return tlsRequested;
    }

    /** The transport calls {@code receive} again only after the handshake it was asked for. */
    void inputResumed() {
        tlsRequested = false;
    }

    /** Output from now on goes nowhere; the connection stays open. */
    void stall() {
        out.lock();
        try {
            stalled = true;
            armed = null;
            held.reset();
            real.flush();
        } finally {
            out.unlock();
        }
        env.recorder().note(tap, "fault: stalled");
    }

    /** Sends a line now (a scripted reply), ahead of anything the session writes later. */
    void sendLine(byte[] line) {
        out.lock();
        try {
            emit(line, 0, line.length);
            real.flush();
        } finally {
            out.unlock();
        }
    }

    void arm(Response r) {
        out.lock();
        try {
            if (armed != null) release(true);
            armed = r;
        } finally {
            out.unlock();
        }
    }

    /** The session finished with a unit of input: send what it wrote for the armed response. */
    void endOfUnit() {
        out.lock();
        try {
            if (armed != null && held.size() > 0) release(false);
        } finally {
            out.unlock();
        }
    }

    /** Caller holds {@code out}. */
    private void release(boolean force) {
        byte[] data = held.toByteArray();
        held.reset();
        Response r = armed;
        int fin = r.finalLineStart(data);
        boolean complete = force || fin >= 0 || !real.isOpen() || "IDLE".equals(r.verb);
        if (r.bodyStart < 0) {
            int lf = Response.indexOf(data, (byte) '\n', 0);
            if (lf >= 0) r.bodyStart = r.offset + lf + 1;
        }
        record At(long pos, Fault f) { }
        List<At> fire = new ArrayList<>();
        for (Fault f : List.copyOf(r.pending)) {
            long pos = switch (f.phase()) {
                case RESPONSE_START, COMMAND, CONNECT -> f.afterBytes();
                case RESPONSE_BODY -> r.bodyStart < 0 ? Long.MAX_VALUE : r.bodyStart + f.afterBytes();
                case RESPONSE_END -> fin >= 0 ? r.offset + fin : Long.MAX_VALUE;
            };
            if (pos <= r.offset + data.length) {
                fire.add(new At(Math.max(pos, r.offset), f));
                r.pending.remove(f);
            }
        }
        fire.sort(Comparator.comparingLong(At::pos));
        int cursor = 0;
        for (At a : fire) {
            int rel = (int) (a.pos - r.offset);
            send(r, data, cursor, rel);
            cursor = rel;
            Effect e = a.f.effect();
            env.recorder().note(tap, "fault: " + describe(a.f));
            if (e instanceof Effect.Reply reply) {
                sendRaw(r.replyLine(reply.text()));
                if (a.f.phase() == Phase.RESPONSE_END) {
                    int eol = Response.indexOf(data, (byte) '\n', cursor);
                    cursor = eol < 0 ? data.length : eol + 1;
                } else {
                    r.replacing = true;
                }
            } else if (e instanceof Effect.Delay d) {
                real.flush();
                env.pauser().pause(d.duration());
            } else if (e instanceof Effect.Throttle t) {
                r.throttle = t.bytesPerSecond();
            } else if (e instanceof Effect.Disconnect) {
                real.flush();
                abort();
                return;
            } else if (e instanceof Effect.HalfClose) {
                real.halfClose();
                stalled = true;
                armed = null;
                return;
            } else if (e instanceof Effect.Stall) {
                real.flush();
                stalled = true;
                armed = null;
                return;
            } else if (e instanceof Effect.FailTlsHandshake) {
                env.tls().failNext(real.info().remote());
            }
        }
        send(r, data, cursor, data.length);
        r.offset += data.length;
        if (complete) armed = null;
        real.flush();
    }

    static String describe(Fault f) {
        return f.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + f.command().map(c -> " " + c).orElse("") + " -> " + f.effect();
    }

    private void send(Response r, byte[] data, int from, int to) {
        if (to <= from || r.replacing) return;
        if (r.throttle <= 0) {
            emit(data, from, to - from);
            return;
        }
        int step = (int) Math.max(1, Math.min(4096, r.throttle / 10));
        for (int i = from; i < to && real.isOpen(); i += step) {
            int n = Math.min(step, to - i);
            emit(data, i, n);
            real.flush();
            if (!env.pauser().pause(Duration.ofNanos(n * 1_000_000_000L / r.throttle))) r.throttle = 0;
            if (r.throttle == 0) {
                emit(data, i + n, to - i - n);
                return;
            }
        }
    }

    private void sendRaw(byte[] line) {
        emit(line, 0, line.length);
    }

    private void emit(byte[] b, int off, int len) {
        if (len <= 0 || stalled) return;
        lastLine.update(b, off, len);
        real.write(b, off, len);
    }

    /** Closes at once, dropping whatever is held. */
    void abort() {
        out.lock();
        try {
            armed = null;
            held.reset();
            stalled = true;
        } finally {
            out.unlock();
        }
        env.recorder().note(tap, "fault: disconnected");
        real.close();
    }

    // ---- Connection ----

    @Override
    public ConnectionInfo info() {
        return real.info();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        out.lock();
        try {
            if (stalled) return;
            if (armed != null) {
                held.write(bytes, offset, length);
                return;
            }
            emit(bytes, offset, length);
        } finally {
            out.unlock();
        }
    }

    @Override
    public void transferFrom(InputStream in, long length) throws IOException {
        out.lock();
        try {
            if (!stalled && armed == null) {
                real.transferFrom(in, length);
                return;
            }
            byte[] buf = new byte[8192];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new java.io.EOFException("source ended early");
                if (!stalled) held.write(buf, 0, n);
                left -= n;
            }
        } finally {
            out.unlock();
        }
    }

    @Override
    public void flush() {
        out.lock();
        try {
            if (stalled || armed != null) return;
            real.flush();
        } finally {
            out.unlock();
        }
    }

    @Override
    public Lock writeLock() {
        return real.writeLock();
    }

    @Override
    public void startTls() {
        out.lock();
        try {
            if (armed != null) release(true);
        } finally {
            out.unlock();
        }
        tlsRequested = true;
        real.startTls();
    }

    @Override
    public boolean startTlsAvailable() {
        return real.startTlsAvailable();
    }

    @Override
    public Optional<TlsInfo> tls() {
        return real.tls();
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        real.setReadTimeout(timeout);
    }

    @Override
    public void close() {
        out.lock();
        try {
            if (armed != null && real.isOpen()) release(true);
        } finally {
            out.unlock();
        }
        real.close();
    }

    @Override
    public void halfClose() {
        real.halfClose();
    }

    @Override
    public boolean isOpen() {
        return real.isOpen();
    }

    @Override
    public Executor executor() {
        return real.executor();
    }

    @Override
    public ConnectionEvents events() {
        return this;
    }

    // ---- ConnectionEvents: record, then pass on to the transport (host listeners, wire trace) ----

    @Override
    public void command(String verb) {
        env.recorder().command(tap, verb);
        real.events().command(verb);
    }

    @Override
    public void authenticated(String user, String mechanism) {
        env.recorder().authenticated(tap, user, mechanism);
        real.events().authenticated(user, mechanism);
    }

    @Override
    public void authenticationFailed(String user, String mechanism) {
        env.recorder().note(tap, "authentication failed for " + user + " with " + mechanism);
        real.events().authenticationFailed(user, mechanism);
    }

    @Override
    public void clientLine(String redactedLine) {
        env.recorder().clientLine(tap, redactedLine);
        real.events().clientLine(redactedLine);
    }

    @Override
    public void serverLine(String line) {
        if (!stalled) env.recorder().serverLine(tap, line);
        real.events().serverLine(line);
    }
}
