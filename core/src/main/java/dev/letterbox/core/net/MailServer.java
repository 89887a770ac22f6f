package dev.letterbox.core.net;

import dev.letterbox.core.net.internal.Acceptor;
import dev.letterbox.core.net.internal.ServerContext;
import dev.letterbox.core.net.internal.SocketConnection;
import dev.letterbox.core.net.internal.Threads;
import dev.letterbox.core.net.tls.TlsConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The socket transport: listens on its {@link Endpoint}s and runs a {@link ProtocolSession} per
 * accepted connection, one task per connection (blocking read → {@code receive} → buffered writes
 * flushed once per burst) on virtual threads when the JVM has them.
 *
 * <pre>{@code
 * MailServer server = MailServer.builder()
 *         .tls(TlsConfig.fromPem(Path.of("cert.pem"), Path.of("key.pem")))
 *         .plain("imap", new InetSocketAddress("127.0.0.1", 0), imapFactory)       // STARTTLS offered
 *         .implicitTls("imaps", new InetSocketAddress("127.0.0.1", 0), imapFactory)
 *         .build()
 *         .start();
 * int port = server.port("imap");
 * ...
 * server.close(); // graceful: stops accepting, lets commands finish, says goodbye
 * }</pre>
 *
 * Thread-safe. {@link #close()} is idempotent.
 */
public final class MailServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.letterbox.core.net");

    private final Config config;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final Map<String, ServerSocket> listening = new LinkedHashMap<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private volatile State state = State.NEW;
    private ServerContext ctx;
    private ExecutorService ownedExecutor;
    private volatile boolean virtual;

    private enum State { NEW, RUNNING, CLOSED }

    private MailServer(Config config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Config config() {
        return config;
    }

    /**
     * Binds every endpoint (listen backlog {@link Config#backlog()}) and starts accepting. If any bind
     * fails, the ones already bound are released and a {@link BindException} naming the endpoint and
     * {@code address:port} is thrown, with the original exception as its cause.
     *
     * @throws IllegalStateException if already started, or virtual threads were required on a JVM without them
     */
    public MailServer start() throws IOException {
        lifecycle.lock();
        try {
            if (state != State.NEW) throw new IllegalStateException("already started");
            // Formatting a log record (java.util.logging's SimpleFormatter: the time in the default zone)
            // reads the time-zone database (lib/tzdb.dat) on first use. Do it now: once descriptors run
            // out, the acceptor's log record about it could not open the file and the error would end
            // the accept thread. (This used to happen by chance through an INFO record here.)
            String.format("%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp", java.time.ZonedDateTime.now());
            Executor executor = config.executor().orElseGet(this::newExecutor);
            ctx = new ServerContext(config, executor);
            try {
                for (Endpoint ep : config.endpoints()) listening.put(ep.name(), bind(ep));
            } catch (IOException | RuntimeException e) {
                listening.values().forEach(MailServer::closeQuietly);
                listening.clear();
                stopExecution();
                state = State.CLOSED;
                throw e;
            }
            for (Endpoint ep : config.endpoints()) {
                ServerSocket ss = listening.get(ep.name());
                Thread t = new Thread(new Acceptor(ctx, ep, ss), "letterbox-accept-" + ep.name());
                t.setDaemon(true);
                acceptors.add(t);
                t.start();
                LOG.log(System.Logger.Level.DEBUG, ep.name() + " (" + ep.factory().protocol() + ", "
                        + (ep.implicitTls() ? "implicit TLS" : config.tls().isPresent() ? "STARTTLS offered" : "plain text")
                        + ") listening on " + hostPort((InetSocketAddress) ss.getLocalSocketAddress()));
            }
            state = State.RUNNING;
            return this;
        } finally {
            lifecycle.unlock();
        }
    }

    private ServerSocket bind(Endpoint ep) throws IOException {
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            ss.bind(ep.bind(), config.backlog());
            return ss;
        } catch (IOException e) {
            closeQuietly(ss);
            BindException be = new BindException("cannot listen for " + ep.name() + " on " + hostPort(ep.bind())
                    + ": " + e.getMessage());
            be.initCause(e);
            throw be;
        }
    }

    private Executor newExecutor() {
        boolean virtual = switch (config.threads()) {
            case VIRTUAL -> true;
            case PLATFORM -> false;
            case AUTO -> Threads.virtualThreadsAvailable();
        };
        ownedExecutor = virtual
                ? Threads.virtualPerTask("letterbox-conn-")
                : Threads.platformPool("letterbox-conn-", config.maxConnections() + 64);
        this.virtual = virtual;
        return ownedExecutor;
    }

    /** Whether connections run on virtual threads (false with a host executor). */
    public boolean usesVirtualThreads() {
        return virtual;
    }

    /** The port an endpoint listens on (the real one when it was configured as 0). */
    public int port(String endpoint) {
        return address(endpoint).getPort();
    }

    /** The address an endpoint listens on, with the real port. */
    public InetSocketAddress address(String endpoint) {
        lifecycle.lock();
        try {
            if (state != State.RUNNING) throw new IllegalStateException(state == State.NEW ? "not started" : "closed");
            ServerSocket ss = listening.get(endpoint);
            if (ss == null) {
                if (config.endpoints().stream().anyMatch(e -> e.name().equals(endpoint))) {
                    throw new IllegalStateException("closed");
                }
                throw new IllegalArgumentException("no endpoint named " + endpoint);
            }
            return (InetSocketAddress) ss.getLocalSocketAddress();
        } finally {
            lifecycle.unlock();
        }
    }

    /** Open connections right now. */
    public int connectionCount() {
        ServerContext c = ctx;
        return c == null ? 0 : c.connectionCount();
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /** Graceful shutdown with the configured {@link Config#shutdownGrace()}. Idempotent. */
    @Override
    public void close() {
        shutdown(config.shutdownGrace());
    }

    /**
     * Graceful shutdown: stop accepting; for each connection, wait for a command in flight (up to
     * {@code grace} overall), let the session say goodbye ({@link ProtocolSession#shutdown}), close.
     * Connections still busy at the deadline are closed under their command. Returns when every
     * connection has ended (or a second after the deadline). Idempotent; later calls return at once.
     */
    public void shutdown(Duration grace) {
        lifecycle.lock();
        try {
            if (state != State.RUNNING) {
                state = State.CLOSED;
                return;
            }
            state = State.CLOSED;
            long deadline = System.nanoTime() + grace.toNanos();
            ctx.beginShutdown(deadline);
            listening.values().forEach(MailServer::closeQuietly);
            for (Thread t : acceptors) {
                t.interrupt();
                t.join(1000);
            }
            List<SocketConnection> busy = new ArrayList<>();
            for (SocketConnection c : ctx.connections()) {
                if (!c.shutdownIfIdle()) busy.add(c);
            }
            for (SocketConnection c : busy) c.shutdown(deadline);
            if (!ctx.awaitDrained(deadline + TimeUnit.SECONDS.toNanos(1))) {
                for (SocketConnection c : ctx.connections()) c.forceClose(ConnectionListener.CloseReason.SHUTDOWN);
                LOG.log(System.Logger.Level.WARNING, ctx.connectionCount() + " connection task(s) still running after shutdown");
            }
            LOG.log(System.Logger.Level.DEBUG, "stopped listening on " + String.join(", ", listening.keySet()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (SocketConnection c : ctx.connections()) c.forceClose(ConnectionListener.CloseReason.SHUTDOWN);
        } finally {
            stopExecution();
            lifecycle.unlock();
        }
    }

    private void stopExecution() {
        if (ctx != null) ctx.stop();
        if (ownedExecutor != null) ownedExecutor.shutdown();
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /**
     * The immutable configuration of a server.
     *
     * @param endpoints                 listeners, in start order, names unique
     * @param tls                       TLS material; required by implicit-TLS endpoints, enables STARTTLS on plain ones
     * @param threads                   which threads run connections when no executor is injected
     * @param executor                  a host executor for connection tasks (one long task per connection); the host owns its lifecycle
     * @param maxConnections            open connections over all endpoints; beyond it the busy reply is sent
     * @param maxConnectionsPerAddress  open connections from one client IP address
     * @param writeTimeout              a blocking write that takes longer closes the connection (write watchdog)
     * @param handshakeTimeout          the longest a TLS handshake may take
     * @param shutdownGrace             how long {@link #close()} lets commands in flight finish
     * @param backlog                   listen backlog (at least 1024)
     * @param readBufferSize            initial (and idle) read buffer per connection, bytes
     * @param readBufferLimit           the most input a session may leave unconsumed before the connection is closed
     * @param listener                  connection events for metrics
     * @param wireTrace                 protocol lines as reported (redacted) by the sessions
     */
    public record Config(List<Endpoint> endpoints, Optional<TlsConfig> tls, ThreadMode threads,
                         Optional<Executor> executor, int maxConnections, int maxConnectionsPerAddress,
                         Duration writeTimeout, Duration handshakeTimeout, Duration shutdownGrace, int backlog,
                         int readBufferSize, int readBufferLimit, ConnectionListener listener, WireTrace wireTrace) {
    }

    /** Builds a {@link MailServer}; every setting has a sensible default. */
    public static final class Builder {
        private final List<Endpoint> endpoints = new ArrayList<>();
        private TlsConfig tls;
        private ThreadMode threads;
        private Executor executor;
        private int maxConnections = 10_000;
        private int maxConnectionsPerAddress = 100;
        private Duration writeTimeout = Duration.ofSeconds(60);
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private int backlog = 1024;
        private int readBufferSize = 512;
        private int readBufferLimit = 1 << 20;
        private ConnectionListener listener = ConnectionListener.NONE;
        private WireTrace wireTrace = WireTrace.NONE;

        private Builder() {
        }

        public Builder endpoint(Endpoint endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoints.stream().anyMatch(e -> e.name().equals(endpoint.name()))) {
                throw new IllegalArgumentException("duplicate endpoint name " + endpoint.name());
            }
            endpoints.add(endpoint);
            return this;
        }

        /** A plain-text endpoint, STARTTLS-capable when {@link #tls} is set. Port 0 picks a free port. */
        public Builder plain(String name, InetSocketAddress bind, ProtocolSessionFactory factory) {
            return endpoint(Endpoint.plain(name, bind, factory));
        }

        /** An implicit-TLS endpoint (needs {@link #tls}). Port 0 picks a free port. */
        public Builder implicitTls(String name, InetSocketAddress bind, ProtocolSessionFactory factory) {
            return endpoint(Endpoint.implicitTls(name, bind, factory));
        }

        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Default: the {@code letterbox.threads} system property, else {@link ThreadMode#AUTO}. */
        public Builder threads(ThreadMode mode) {
            this.threads = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Runs connection tasks on the host's executor (each task lasts as long as its connection). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Default 10,000. */
        public Builder maxConnections(int max) {
            this.maxConnections = positive(max, "maxConnections");
            return this;
        }

        /** Default 100. */
        public Builder maxConnectionsPerAddress(int max) {
            this.maxConnectionsPerAddress = positive(max, "maxConnectionsPerAddress");
            return this;
        }

        /** Default 60 s. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive(timeout, "writeTimeout");
            return this;
        }

        /** Default 30 s. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        /** Default 10 s. */
        public Builder shutdownGrace(Duration grace) {
            if (grace.isNegative()) throw new IllegalArgumentException("shutdownGrace must not be negative");
            this.shutdownGrace = grace;
            return this;
        }

        /** Default and minimum 1024. */
        public Builder backlog(int backlog) {
            this.backlog = Math.max(1024, backlog);
            return this;
        }

        /** Initial read buffer per connection (default 512 bytes); it grows while needed and shrinks back. */
        public Builder readBufferSize(int bytes) {
            this.readBufferSize = Math.max(64, bytes);
            return this;
        }

        /** Default 1 MiB. */
        public Builder readBufferLimit(int bytes) {
            this.readBufferLimit = positive(bytes, "readBufferLimit");
            return this;
        }

        public Builder listener(ConnectionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder wireTrace(WireTrace trace) {
            this.wireTrace = Objects.requireNonNull(trace, "trace");
            return this;
        }

        public MailServer build() {
            if (endpoints.isEmpty()) throw new IllegalStateException("no endpoints");
            if (tls == null) {
                endpoints.stream().filter(Endpoint::implicitTls).findFirst().ifPresent(e -> {
                    throw new IllegalStateException("endpoint " + e.name() + " uses implicit TLS but no TLS configuration is set");
                });
            }
            ThreadMode mode = threads != null ? threads : ThreadMode.fromSystemProperty();
            return new MailServer(new Config(List.copyOf(endpoints), Optional.ofNullable(tls), mode,
                    Optional.ofNullable(executor), maxConnections, maxConnectionsPerAddress, writeTimeout,
                    handshakeTimeout, shutdownGrace, backlog, Math.min(readBufferSize, readBufferLimit),
                    readBufferLimit, listener, wireTrace));
        }

        /** {@code build().start()}. */
        public MailServer start() throws IOException {
            return build().start();
        }

        private static int positive(int v, String what) {
            if (v <= 0) throw new IllegalArgumentException(what + " must be positive");
            return v;
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive");
            return d;
        }
    }
}
