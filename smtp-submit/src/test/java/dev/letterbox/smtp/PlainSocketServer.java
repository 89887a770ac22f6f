package dev.letterbox.smtp;

import dev.letterbox.core.net.Connection;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.net.ProtocolSessionFactory;
import dev.letterbox.core.net.TlsInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Test-only minimal plain-TCP transport on 127.0.0.1 (no TLS), so this module can run real clients
 * (Angus Mail, Python smtplib) against the protocol without depending on the core transport. The
 * full transport with STARTTLS/implicit TLS is exercised by the end-to-end tests in testkit.
 */
final class PlainSocketServer implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ProtocolSessionFactory factory;
    private final AtomicInteger ids = new AtomicInteger();

    PlainSocketServer(ProtocolSessionFactory factory) throws IOException {
        this.factory = factory;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        ConnectionInfo info = new ConnectionInfo("t" + ids.incrementAndGet(), "submission",
                (InetSocketAddress) socket.getRemoteSocketAddress(), (InetSocketAddress) socket.getLocalSocketAddress());
        ProtocolSession session = factory.newSession(info);
        try (socket) {
            SocketConnection conn = new SocketConnection(socket, info);
            conn.setReadTimeout(factory.initialReadTimeout());
            session.start(conn);
            InputStream in = socket.getInputStream();
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (conn.isOpen()) {
                int n;
                try {
                    n = in.read(buf.array(), buf.position(), buf.remaining());
                } catch (SocketTimeoutException e) {
                    session.timedOut(conn);
                    break;
                }
                if (n < 0) break;
                buf.position(buf.position() + n);
                buf.flip();
                session.receive(buf, conn);
                buf.compact();
                if (!buf.hasRemaining()) { // grow for a partial unit larger than the buffer
                    ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                }
            }
        } catch (IOException ignored) {
            // client went away
        } finally {
            session.closed();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }

    private static final class SocketConnection implements Connection {
        private final Socket socket;
        private final ConnectionInfo info;
        private final OutputStream out;
        private final ReentrantLock lock = new ReentrantLock();
        private volatile boolean open = true;

        SocketConnection(Socket socket, ConnectionInfo info) throws IOException {
            this.socket = socket;
            this.info = info;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        @Override
        public ConnectionInfo info() {
            return info;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                close();
            }
        }

        @Override
        public void transferFrom(InputStream in, long length) throws IOException {
            out.write(in.readNBytes((int) length));
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        @Override
        public Lock writeLock() {
            return lock;
        }

        @Override
        public void startTls() {
            throw new IllegalStateException("no TLS in the test transport");
        }

        @Override
        public boolean startTlsAvailable() {
            return false;
        }

        @Override
        public Optional<TlsInfo> tls() {
            return Optional.empty();
        }

        @Override
        public void setReadTimeout(Duration timeout) {
            try {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            } catch (IOException ignored) {
                // socket closing
            }
        }

        @Override
        public void close() {
            if (!open) return;
            open = false;
            try {
                out.flush();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public java.util.concurrent.Executor executor() {
            return Runnable::run;
        }
    }
}
