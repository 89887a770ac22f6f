package dev.letterbox.core.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory driver: runs a {@link ProtocolSession} without sockets, so whole transcripts —
 * several sessions interleaved step by step — are deterministic tests. The test plays the client:
 * {@link #send} feeds bytes (split however it likes), {@link #takeOutput()} returns what the server
 * wrote since the last call.
 *
 * <p>STARTTLS is simulated: the connection is marked encrypted and any bytes still unread in the
 * input buffer are set aside as "TLS input" ({@link #bytesDiscardedAtStartTls()}), exactly the bytes a
 * real transport would feed to the handshake instead of the command parser.
 */
public final class MemoryConnection implements Connection {
    private static final AtomicLong IDS = new AtomicLong();

    private final ProtocolSession session;
    private final ConnectionInfo info;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Executor executor;
    private ByteBuffer in = ByteBuffer.allocate(0);
    private boolean open = true;
    private boolean tls;
    private boolean tlsAvailable;
    private boolean closedNotified;
    private int discardedAtStartTls = -1;
    private Duration readTimeout = Duration.ZERO;
    private int flushes;
    private final java.util.Queue<String> events = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ConnectionEvents recorder = new ConnectionEvents() {
        @Override
        public void command(String verb) {
            events.add("command " + verb);
        }

        @Override
        public void authenticated(String user, String mechanism) {
            events.add("auth-ok " + user + " " + mechanism);
        }

        @Override
        public void authenticationFailed(String user, String mechanism) {
            events.add("auth-fail " + user + " " + mechanism);
        }

        @Override
        public void clientLine(String redactedLine) {
            events.add("C: " + redactedLine);
        }

        @Override
        public void serverLine(String line) {
            events.add("S: " + line);
        }
    };

    private MemoryConnection(ProtocolSession session, ConnectionInfo info, boolean tlsAvailable, boolean implicitTls,
                             Executor executor) {
        this.session = session;
        this.info = info;
        this.tlsAvailable = tlsAvailable && !implicitTls;
        this.tls = implicitTls;
        this.executor = executor;
    }

    /** A connection from 127.0.0.1 with STARTTLS available, running async work inline. */
    public static MemoryConnection open(ProtocolSessionFactory factory) {
        return open(factory, builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MemoryConnection open(ProtocolSessionFactory factory, Builder b) {
        String id = "m" + IDS.incrementAndGet();
        InetSocketAddress remote = new InetSocketAddress(b.remoteAddress, 40000 + (int) (IDS.get() % 20000));
        InetSocketAddress local = new InetSocketAddress(b.localAddress, 143);
        ConnectionInfo info = new ConnectionInfo(id, b.endpoint == null ? factory.protocol() : b.endpoint, remote, local);
        MemoryConnection c = new MemoryConnection(factory.newSession(info), info, b.tlsAvailable, b.implicitTls,
                b.executor);
        c.setReadTimeout(factory.initialReadTimeout());
        c.session.start(c);
        return c;
    }

    /** Options of a simulated connection. */
    public static final class Builder {
        private java.net.InetAddress remoteAddress = java.net.InetAddress.getLoopbackAddress();
        private java.net.InetAddress localAddress = java.net.InetAddress.getLoopbackAddress();
        private boolean tlsAvailable = true;
        private boolean implicitTls;
        private String endpoint;
        private Executor executor = Runnable::run;

        /** The client's address, e.g. a non-loopback one to test plaintext rules. */
        public Builder remote(String address) {
            try {
                this.remoteAddress = java.net.InetAddress.getByName(address);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
            return this;
        }

        public Builder tlsAvailable(boolean available) {
            this.tlsAvailable = available;
            return this;
        }

        /** Start as if on an implicit-TLS endpoint. */
        public Builder implicitTls(boolean implicit) {
            this.implicitTls = implicit;
            return this;
        }

        public Builder endpoint(String name) {
            this.endpoint = name;
            return this;
        }

        /** Where {@link Connection#executor()} runs work; inline by default. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }
    }

    // ---- the client's side ----

    /** Sends bytes as one network read; the session consumes what forms complete units. */
    public MemoryConnection send(byte[] bytes) {
        if (!open) throw new IllegalStateException("connection closed");
        ByteBuffer next = ByteBuffer.allocate(in.remaining() + bytes.length);
        next.put(in).put(bytes).flip();
        in = next;
        session.receive(in, this);
        if (discardedAtStartTls == -2) { // startTls was called during this receive
            discardedAtStartTls = in.remaining();
            in.position(in.limit());
        }
        if (!open) notifyClosed();
        return this;
    }

    /** Sends text in US-ASCII/UTF-8; write {@code \r\n} yourself. */
    public MemoryConnection send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one line, appending CRLF. */
    public MemoryConnection sendLine(String line) {
        return send(line + "\r\n");
    }

    /** Everything the server wrote since the last call, as bytes. */
    public byte[] takeOutputBytes() {
        writeLock.lock();
        try {
            byte[] b = out.toByteArray();
            out.reset();
            return b;
        } finally {
            writeLock.unlock();
        }
    }

    /** Everything the server wrote since the last call, decoded as ISO-8859-1 (byte-exact). */
    public String takeOutput() {
        return new String(takeOutputBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Bytes left unread in the input buffer when STARTTLS took effect; -1 if it never did. */
    public int bytesDiscardedAtStartTls() {
        return Math.max(discardedAtStartTls, -1);
    }

    /** Simulates the read timeout expiring. */
    public void fireTimeout() {
        if (!open) return;
        session.timedOut(this);
        close();
        notifyClosed();
    }

    /** Simulates server shutdown. */
    public void shutdown() {
        if (!open) return;
        session.shutdown(this);
        close();
        notifyClosed();
    }

    /** Simulates the client dropping the connection. */
    public void disconnect() {
        open = false;
        notifyClosed();
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /** How many times the session flushed; tests of "one flush per burst" use it. */
    public int flushCount() {
        return flushes;
    }

    private void notifyClosed() {
        if (!closedNotified) {
            closedNotified = true;
            session.closed();
        }
    }

    // ---- Connection ----

    @Override
    public ConnectionInfo info() {
        return info;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        writeLock.lock();
        try {
            if (open) out.write(bytes, offset, length);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void transferFrom(InputStream src, long length) throws IOException {
        byte[] buf = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = src.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new java.io.EOFException("source ended " + left + " bytes early");
            write(buf, 0, n);
            left -= n;
        }
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public Lock writeLock() {
        return writeLock;
    }

    @Override
    public void startTls() {
        if (!startTlsAvailable()) throw new IllegalStateException("STARTTLS not available");
        tls = true;
        tlsAvailable = false;
        discardedAtStartTls = -2;
    }

    @Override
    public boolean startTlsAvailable() {
        return tlsAvailable && !tls;
    }

    @Override
    public Optional<TlsInfo> tls() {
        return tls ? Optional.of(new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256")) : Optional.empty();
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        this.readTimeout = timeout;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public ConnectionEvents events() {
        return recorder;
    }

    /** Everything reported through {@link #events()}: {@code command X}, {@code auth-ok u m}, {@code C: line}, ... */
    public java.util.List<String> recordedEvents() {
        return java.util.List.copyOf(events);
    }
}
