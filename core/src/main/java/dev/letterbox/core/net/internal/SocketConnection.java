package dev.letterbox.core.net.internal;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.letterbox.core.net.Connection;
import dev.letterbox.core.net.ConnectionEvents;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ConnectionListener.CloseReason;
import dev.letterbox.core.net.Endpoint;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.net.TlsInfo;
import dev.letterbox.core.net.WireTrace;
import dev.letterbox.core.net.tls.TlsConfig;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocket;

/**
 * One accepted socket and its task: blocking read, {@link ProtocolSession#receive}, buffered writes
 * flushed once per burst.
 *
 * <p>Memory is kept small for the idle case: while nothing is pending the connection holds no read
 * buffer at all (it waits for the next byte, then allocates one); the buffer starts small, grows only
 * while a long line or a bulk transfer needs it and shrinks back afterwards; the write buffer exists
 * only between the first write of a burst and its flush.
 *
 * <p>Locks: {@code sessionLock} is held while the session runs (receive, start, timedOut, shutdown,
 * closed) and during a STARTTLS handshake, never while blocked in a read; graceful shutdown takes it to
 * wait for a command in flight. {@code writeLock} makes bursts atomic among writers.
 */
public final class SocketConnection implements Connection, ConnectionEvents, Runnable {
    private static final System.Logger LOG = ServerContext.LOG;
    private static final AtomicLong IDS = new AtomicLong();
    private static final int OUT_INITIAL = 512;
    private static final int OUT_MAX = 16 * 1024;
    private static final int READ_BULK = 64 * 1024;
    private static final VarHandle REASON;

    static {
        try {
            REASON = MethodHandles.lookup().findVarHandle(SocketConnection.class, "reason", CloseReason.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ServerContext ctx;
    private final Endpoint endpoint;
    private final Socket raw;
    private final ConnectionInfo info;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock sessionLock = new ReentrantLock();
    private volatile Socket socket;
    private volatile OutputStream out;
    private InputStream in;
    private ProtocolSession session;
    private byte[] outBuf;
    private int outLen;
    private volatile boolean open = true;
    private volatile boolean tlsRequested;
    private volatile TlsInfo tlsInfo;
    private volatile int readTimeoutMillis;
    @SuppressWarnings("unused") // through REASON
    private volatile CloseReason reason;

    SocketConnection(ServerContext ctx, Endpoint endpoint, Socket raw) throws IOException {
        this.ctx = ctx;
        this.endpoint = endpoint;
        this.raw = raw;
        this.socket = raw;
        this.info = new ConnectionInfo("c" + Long.toString(IDS.incrementAndGet(), 36), endpoint.name(),
                (InetSocketAddress) raw.getRemoteSocketAddress(), (InetSocketAddress) raw.getLocalSocketAddress());
        this.in = raw.getInputStream();
        this.out = raw.getOutputStream();
    }

    // ---- the connection task ----

    @Override
    public void run() {
        ctx.safely(l -> l.connected(info));
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "[" + info.sessionId() + "] connected from " + info.remote() + " to " + endpoint.name());
        try {
            raw.setTcpNoDelay(true);
            raw.setKeepAlive(true);
            if (endpoint.implicitTls() && !handshake(new byte[0])) return;
            if (startSession()) readLoop();
        } catch (SocketTimeoutException e) {
            timedOut();
        } catch (IOException e) {
            setReason(CloseReason.CLIENT_CLOSED);
            if (open && LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "[" + info.sessionId() + "] connection lost: " + e);
        } catch (RuntimeException | Error e) {
            setReason(CloseReason.ERROR);
            LOG.log(WARNING, "[" + info.sessionId() + "] session failed; closing the connection", e);
        } finally {
            finish();
        }
    }

    private boolean startSession() {
        sessionLock.lock();
        try {
            if (!open) return false;
            session = endpoint.factory().newSession(info);
            setReadTimeout(endpoint.factory().initialReadTimeout());
            session.start(this);
            return open;
        } finally {
            sessionLock.unlock();
        }
    }

    private void readLoop() throws IOException {
        final int initial = ctx.config.readBufferSize();
        ByteBuffer buf = null;
        boolean bulk = false;
        while (open) {
            if (buf == null) {
                // Nothing pending (between commands, IDLE): wait for the next byte without holding a read
                // buffer, so an idle connection keeps none; then take whatever else already arrived.
                int first = in.read();
                if (first < 0) {
                    setReason(CloseReason.CLIENT_CLOSED);
                    return;
                }
                buf = ByteBuffer.allocate(initial).put((byte) first);
                int more = Math.min(in.available(), buf.remaining());
                if (more > 0) {
                    int n = in.read(buf.array(), buf.position(), more);
                    if (n > 0) buf.position(buf.position() + n);
                }
                bulk = false;
                buf.flip();
            } else {
                if (!buf.hasRemaining() || (bulk && buf.capacity() < READ_BULK)) buf = grow(buf);
                int space = buf.remaining();
                int n = in.read(buf.array(), buf.position(), space);
                if (n < 0) {
                    setReason(CloseReason.CLIENT_CLOSED);
                    return;
                }
                bulk = n == space;
                buf.position(buf.position() + n).flip();
            }
            sessionLock.lock();
            try {
                if (!open) return;
                session.receive(buf, this);
                if (tlsRequested && open) {
                    byte[] consumed = new byte[buf.remaining()];
                    buf.get(consumed);
                    buf = null;
                    if (!handshake(consumed)) return;
                    continue;
                }
            } finally {
                sessionLock.unlock();
            }
            buf.compact();
            if (!bulk && buf.position() == 0) {
                buf = null; // all consumed: drop the buffer while waiting (see above)
            } else if (!bulk && buf.capacity() > initial && buf.position() <= initial / 2) {
                buf = ByteBuffer.allocate(initial).put(buf.flip());
            }
        }
    }

    private ByteBuffer grow(ByteBuffer buf) throws IOException {
        int limit = ctx.config.readBufferLimit();
        if (buf.capacity() >= limit) {
            setReason(CloseReason.ERROR);
            LOG.log(WARNING, "[" + info.sessionId() + "] the session left " + buf.position()
                    + " bytes unconsumed (read buffer limit " + limit + "); closing");
            throw new EOFException("read buffer limit exceeded");
        }
        return ByteBuffer.allocate((int) Math.min(limit, 2L * buf.capacity())).put(buf.flip());
    }

    /** Server-side TLS handshake over the raw socket; {@code consumed} are bytes already read from it. */
    private boolean handshake(byte[] consumed) {
        TlsConfig tls = ctx.tls.orElseThrow();
        SSLSocket ssl;
        try {
            ssl = tls.serverSocket(raw, consumed);
            ssl.setSoTimeout(millis(ctx.config.handshakeTimeout()));
            ssl.startHandshake();
            ssl.setSoTimeout(readTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            setReason(CloseReason.TLS_HANDSHAKE_FAILED);
            LOG.log(INFO, "[" + info.sessionId() + "] TLS handshake with " + info.remote() + " failed: " + e.getMessage());
            open = false;
            ServerContext.closeQuietly(raw);
            return false;
        }
        TlsInfo t = TlsConfig.info(ssl.getSession());
        writeLock.lock();
        try {
            socket = ssl;
            out = ssl.getOutputStream();
            in = ssl.getInputStream();
        } catch (IOException e) {
            setReason(CloseReason.TLS_HANDSHAKE_FAILED);
            open = false;
            ServerContext.closeQuietly(raw);
            return false;
        } finally {
            writeLock.unlock();
        }
        tlsInfo = t;
        tlsRequested = false;
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "[" + info.sessionId() + "] " + t.protocol() + " " + t.cipherSuite());
        ctx.safely(l -> l.tlsEstablished(info, t));
        return true;
    }

    private void timedOut() {
        setReason(CloseReason.READ_TIMEOUT);
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "[" + info.sessionId() + "] read timeout (" + readTimeoutMillis + " ms)");
        sessionLock.lock();
        try {
            if (open && session != null) session.timedOut(this);
        } catch (RuntimeException e) {
            LOG.log(WARNING, "[" + info.sessionId() + "] session failed on timeout", e);
        } finally {
            sessionLock.unlock();
        }
        close();
    }

    private void finish() {
        open = false;
        closeSocket();
        sessionLock.lock();
        try {
            if (session != null) session.closed();
        } catch (RuntimeException e) {
            LOG.log(WARNING, "[" + info.sessionId() + "] session failed while closing", e);
        } finally {
            sessionLock.unlock();
        }
        ctx.ended(this, info.remote());
        CloseReason r = reason();
        if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "[" + info.sessionId() + "] closed: " + r);
        ctx.safely(l -> l.closed(info, r));
    }

    // ---- called by the server ----

    /**
     * Graceful shutdown of this connection: wait (until the deadline) for a command in flight, let the
     * session say goodbye, close. Past the deadline the socket is closed under the running command.
     */
    public void shutdown(long deadlineNanos) {
        boolean locked = false;
        try {
            locked = sessionLock.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) {
            LOG.log(INFO, "[" + info.sessionId() + "] command still running at the shutdown deadline; closing");
            forceClose(CloseReason.SHUTDOWN);
            return;
        }
        goodbye();
    }

    /** Graceful shutdown of this connection if no command is in flight; false if one is. */
    public boolean shutdownIfIdle() {
        if (!sessionLock.tryLock()) return false;
        goodbye();
        return true;
    }

    /** With the session lock held: the session says goodbye, then the connection closes. Unlocks. */
    private void goodbye() {
        try {
            setReason(CloseReason.SHUTDOWN);
            if (open && session != null) session.shutdown(this);
        } catch (RuntimeException e) {
            LOG.log(WARNING, "[" + info.sessionId() + "] session failed on shutdown", e);
        } finally {
            sessionLock.unlock();
        }
        close();
    }

    /** Closes the socket without waiting for any lock; a blocked read or write fails at once. */
    public void forceClose(CloseReason why) {
        setReason(why);
        open = false;
        ServerContext.closeQuietly(raw);
    }

    void writeStalled() {
        LOG.log(INFO, "[" + info.sessionId() + "] write stalled for more than " + ctx.config.writeTimeout().toMillis()
                + " ms; closing");
        forceClose(CloseReason.WRITE_STALLED);
    }

    // ---- Connection ----

    @Override
    public ConnectionInfo info() {
        return info;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        writeLock.lock();
        try {
            if (!open) return;
            if (outLen == 0 && length >= OUT_MAX) {
                send(bytes, offset, length);
                return;
            }
            if (outBuf == null) outBuf = new byte[Math.max(OUT_INITIAL, length)];
            if (outLen + length > outBuf.length) {
                if (outLen + length > OUT_MAX) {
                    drain();
                    if (length >= OUT_MAX) {
                        send(bytes, offset, length);
                        return;
                    }
                }
                if (outLen + length > outBuf.length) {
                    byte[] bigger = new byte[Math.min(OUT_MAX, Math.max(outBuf.length * 2, outLen + length))];
                    System.arraycopy(outBuf, 0, bigger, 0, outLen);
                    outBuf = bigger;
                }
            }
            System.arraycopy(bytes, offset, outBuf, outLen, length);
            outLen += length;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void transferFrom(InputStream src, long length) throws IOException {
        writeLock.lock();
        try {
            drain();
            byte[] chunk = new byte[(int) Math.min(OUT_MAX, Math.max(1, length))];
            long left = length;
            while (left > 0) {
                int n = src.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (n < 0) throw new EOFException("source ended " + left + " bytes early");
                if (open) send(chunk, 0, n);
                left -= n;
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void flush() {
        writeLock.lock();
        try {
            drain();
            outBuf = null;
        } finally {
            writeLock.unlock();
        }
    }

    private void drain() {
        if (outLen > 0) {
            int n = outLen;
            outLen = 0;
            send(outBuf, 0, n);
        }
    }

    /** One blocking socket write under the watchdog. Caller holds the write lock. */
    private void send(byte[] b, int off, int len) {
        if (!open) return;
        ctx.watchdog.begin(this, ctx.writeDeadline());
        try {
            out.write(b, off, len);
            out.flush();
        } catch (IOException e) {
            setReason(CloseReason.CLIENT_CLOSED);
            if (LOG.isLoggable(DEBUG)) LOG.log(DEBUG, "[" + info.sessionId() + "] write failed: " + e);
            open = false;
            outLen = 0;
            ServerContext.closeQuietly(raw);
        } finally {
            ctx.watchdog.end(this);
        }
    }

    @Override
    public Lock writeLock() {
        return writeLock;
    }

    @Override
    public void startTls() {
        if (!startTlsAvailable()) throw new IllegalStateException("STARTTLS is not available on this connection");
        flush();
        tlsRequested = true;
    }

    @Override
    public boolean startTlsAvailable() {
        return open && ctx.tls.isPresent() && !endpoint.implicitTls() && tlsInfo == null && !tlsRequested;
    }

    @Override
    public Optional<TlsInfo> tls() {
        return Optional.ofNullable(tlsInfo);
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("negative timeout " + timeout);
        readTimeoutMillis = millis(timeout);
        try {
            socket.setSoTimeout(readTimeoutMillis);
        } catch (SocketException e) {
            // closed
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (!open) return;
            setReason(CloseReason.SESSION_CLOSED);
            drain();
            open = false;
        } finally {
            writeLock.unlock();
        }
        closeSocket();
    }

    @Override
    public void halfClose() {
        writeLock.lock();
        try {
            if (!open) return;
            drain();
            outBuf = null;
            try {
                socket.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                // already gone
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Closes the TLS layer (close_notify, under the watchdog) and the TCP socket. */
    private void closeSocket() {
        Socket s = socket;
        if (s != raw && !raw.isClosed()) {
            ctx.watchdog.begin(this, ctx.writeDeadline());
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            } finally {
                ctx.watchdog.end(this);
            }
        }
        ServerContext.closeQuietly(raw);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Executor executor() {
        return ctx.executor;
    }

    @Override
    public ConnectionEvents events() {
        return this;
    }

    // ---- ConnectionEvents: route the session's reports to the host ----

    @Override
    public void command(String verb) {
        ctx.safely(l -> l.command(info, verb));
    }

    @Override
    public void authenticated(String user, String mechanism) {
        if (LOG.isLoggable(DEBUG)) {
            LOG.log(DEBUG, "[" + info.sessionId() + "] " + printable(user) + " logged in with " + printable(mechanism));
        }
        ctx.safely(l -> l.authenticated(info, user, mechanism));
    }

    @Override
    public void authenticationFailed(String user, String mechanism) {
        if (LOG.isLoggable(DEBUG)) {
            LOG.log(DEBUG, "[" + info.sessionId() + "] login failed for " + printable(user) + " with "
                    + printable(mechanism) + " from " + info.remote());
        }
        ctx.safely(l -> l.authenticationFailed(info, user, mechanism));
    }

    /** Client-supplied text made safe for a log line (no line breaks or other controls). */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    @Override
    public void clientLine(String redactedLine) {
        ctx.trace(info, WireTrace.Direction.CLIENT, redactedLine);
    }

    @Override
    public void serverLine(String line) {
        ctx.trace(info, WireTrace.Direction.SERVER, line);
    }

    // ---- helpers ----

    private void setReason(CloseReason r) {
        REASON.compareAndSet(this, null, r);
    }

    private CloseReason reason() {
        CloseReason r = (CloseReason) REASON.getVolatile(this);
        return r == null ? CloseReason.CLIENT_CLOSED : r;
    }

    private static int millis(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 && !d.isZero()) return 1;
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    @Override
    public String toString() {
        return "SocketConnection[" + info.sessionId() + " " + endpoint.name() + " " + info.remote() + "]";
    }
}
