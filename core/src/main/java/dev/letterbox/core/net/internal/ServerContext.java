package dev.letterbox.core.net.internal;

import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ConnectionListener;
import dev.letterbox.core.net.ConnectionListener.Rejection;
import dev.letterbox.core.net.Endpoint;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.net.WireTrace;
import dev.letterbox.core.net.tls.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** State shared by the acceptors and connections of one running {@link MailServer}. */
public final class ServerContext {
    static final System.Logger LOG = System.getLogger("dev.letterbox.core.net");

    final MailServer.Config config;
    final Optional<TlsConfig> tls;
    final Executor executor;
    final WriteWatchdog watchdog;
    final ConnectionLimiter limiter;
    private final Set<SocketConnection> live = ConcurrentHashMap.newKeySet();
    private final ReentrantLock liveLock = new ReentrantLock();
    private final Condition drained = liveLock.newCondition();
    private final ReentrantLock reserveLock = new ReentrantLock();
    private final RateLimitedLog refusalLog = new RateLimitedLog();
    private final RateLimitedLog acceptLog = new RateLimitedLog();
    private volatile DatagramChannel reserve;
    private volatile long shutdownDeadline;
    private volatile boolean shuttingDown;

    public ServerContext(MailServer.Config config, Executor executor) {
        this.config = config;
        this.tls = config.tls();
        this.executor = executor;
        this.watchdog = new WriteWatchdog(config.writeTimeout());
        this.limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerAddress());
        this.reserve = openReserve();
        // load what the out-of-descriptors path needs now: loading a class from a directory needs a descriptor
        Rejection.values();
        ConnectionListener.CloseReason.values();
    }

    /** A new socket from {@code endpoint}'s listener: check limits, then start its task. */
    void accepted(Socket socket, Endpoint endpoint) {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        if (remote == null) {
            closeQuietly(socket);
            return;
        }
        Optional<Rejection> refused = limiter.tryAcquire(remote.getAddress());
        if (refused.isPresent()) {
            refuse(socket, endpoint, refused.get());
            return;
        }
        SocketConnection c;
        try {
            c = new SocketConnection(this, endpoint, socket);
        } catch (IOException e) {
            limiter.release(remote.getAddress());
            closeQuietly(socket);
            return;
        }
        live.add(c);
        if (shuttingDown) c.forceClose(ConnectionListener.CloseReason.SHUTDOWN);
        try {
            executor.execute(c);
        } catch (RejectedExecutionException e) {
            live.remove(c);
            limiter.release(remote.getAddress());
            refuse(socket, endpoint, Rejection.NO_THREAD);
        }
    }

    /** Answers with the protocol's busy reply and closes, without creating a session. */
    private void refuse(Socket socket, Endpoint endpoint, Rejection reason) {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        safely(l -> l.rejected(endpoint.name(), remote, reason));
        refusalLog.log(System.Logger.Level.WARNING, () -> endpoint.name() + ": refused " + remote + " (" + reason
                + "; limits: " + config.maxConnections() + " total, " + config.maxConnectionsPerAddress() + " per address)");
        if (!endpoint.implicitTls()) {
            sendBusy(socket, endpoint);
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    var ssl = tls.orElseThrow().serverSocket(socket, new byte[0]);
                    ssl.setSoTimeout((int) Math.min(5000, config.handshakeTimeout().toMillis()));
                    ssl.startHandshake();
                    sendBusy(ssl, endpoint);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(socket);
                }
            });
        } catch (RejectedExecutionException e) {
            closeQuietly(socket);
        }
    }

    private static void sendBusy(Socket socket, Endpoint endpoint) {
        try {
            socket.getOutputStream().write(endpoint.factory().busyReply());
            socket.getOutputStream().flush();
            socket.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            // the client is gone; nothing to tell
        } finally {
            closeQuietly(socket);
        }
    }

    /**
     * {@code accept} failed, typically for lack of file descriptors: refuse one waiting client politely
     * using the descriptor held in reserve, so clients are told instead of left hanging.
     */
    void acceptFailed(ServerSocket server, Endpoint endpoint, IOException error, long backoffMillis) {
        acceptLog.log(System.Logger.Level.WARNING, () -> endpoint.name() + ": accept failed (" + error.getMessage()
                + "); existing sessions continue; retrying in " + backoffMillis + " ms");
        if (!reserveLock.tryLock()) return;
        try {
            DatagramChannel r = reserve;
            if (r == null) return;
            closeQuietly(r);
            reserve = null;
            int old = server.getSoTimeout();
            server.setSoTimeout(50);
            try (Socket s = server.accept()) {
                InetSocketAddress remote = (InetSocketAddress) s.getRemoteSocketAddress();
                safely(l -> l.rejected(endpoint.name(), remote, Rejection.OUT_OF_DESCRIPTORS));
                if (!endpoint.implicitTls()) sendBusy(s, endpoint);
            } catch (IOException e) {
                // nobody waiting after all, or still out of descriptors
            } finally {
                server.setSoTimeout(old);
            }
        } catch (IOException e) {
            // the listener is closing
        } finally {
            reserve = openReserve();
            reserveLock.unlock();
        }
    }

    void ended(SocketConnection c, InetSocketAddress remote) {
        limiter.release(remote.getAddress());
        liveLock.lock();
        try {
            live.remove(c);
            if (live.isEmpty()) drained.signalAll();
        } finally {
            liveLock.unlock();
        }
    }

    /** From now on writes get at most until {@code deadlineNanos}; new connections are closed. */
    public void beginShutdown(long deadlineNanos) {
        shutdownDeadline = deadlineNanos;
        shuttingDown = true;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /** The deadline of a write starting now. */
    long writeDeadline() {
        long d = System.nanoTime() + config.writeTimeout().toNanos();
        return shuttingDown && shutdownDeadline - d < 0 ? shutdownDeadline : d;
    }

    public List<SocketConnection> connections() {
        return List.copyOf(live);
    }

    public int connectionCount() {
        return live.size();
    }

    /** Waits until every connection task has ended, up to the deadline; true if they all did. */
    public boolean awaitDrained(long deadlineNanos) throws InterruptedException {
        liveLock.lock();
        try {
            while (!live.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) return false;
                drained.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } finally {
            liveLock.unlock();
        }
    }

    /** Releases the watchdog thread and the reserve descriptor. */
    public void stop() {
        watchdog.close();
        reserveLock.lock();
        try {
            DatagramChannel r = reserve;
            reserve = null;
            if (r != null) closeQuietly(r);
        } finally {
            reserveLock.unlock();
        }
    }

    void safely(Consumer<ConnectionListener> call) {
        try {
            call.accept(config.listener());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection listener failed", e);
        }
    }

    void trace(ConnectionInfo info, WireTrace.Direction direction, String line) {
        try {
            config.wireTrace().line(info, direction, line);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "[" + info.sessionId() + "] wire trace failed", e);
        }
    }

    private static DatagramChannel openReserve() {
        try {
            return DatagramChannel.open();
        } catch (IOException e) {
            return null;
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
