package dev.letterbox.core.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny line protocol for transport tests: {@code ECHO x}, {@code STARTTLS}, {@code TLS} (reports the
 * TLS protocol or PLAIN), {@code SLOW} (blocks until the test releases it), {@code TIMEOUT ms},
 * {@code BIG n} (n bytes of output), {@code QUIT}. Replies to a burst of pipelined commands are
 * flushed once.
 */
final class LineProtocol implements ProtocolSessionFactory {
    final List<String> executed = new CopyOnWriteArrayList<>();
    final AtomicInteger sessions = new AtomicInteger();
    final AtomicInteger timedOut = new AtomicInteger();
    final AtomicInteger shutdowns = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final CountDownLatch slowStarted = new CountDownLatch(1);
    final CountDownLatch slowGo = new CountDownLatch(1);
    volatile Duration initialTimeout = Duration.ofMinutes(1);

    @Override
    public String protocol() {
        return "line";
    }

    @Override
    public ProtocolSession newSession(ConnectionInfo info) {
        sessions.incrementAndGet();
        return new Session();
    }

    @Override
    public byte[] busyReply() {
        return "BUSY try later\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Duration initialReadTimeout() {
        return initialTimeout;
    }

    private final class Session implements ProtocolSession {
        @Override
        public void start(Connection conn) {
            reply(conn, "OK hello");
            conn.flush();
        }

        @Override
        public void receive(ByteBuffer in, Connection conn) {
            try {
                while (conn.isOpen()) {
                    int lf = -1;
                    for (int i = in.position(); i < in.limit(); i++) {
                        if (in.get(i) == '\n') {
                            lf = i;
                            break;
                        }
                    }
                    if (lf < 0) return;
                    byte[] raw = new byte[lf - in.position()];
                    in.get(raw);
                    in.get(); // LF
                    String line = new String(raw, StandardCharsets.ISO_8859_1);
                    if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
                    executed.add(line);
                    conn.events().clientLine(line);
                    String verb = line.split(" ", 2)[0];
                    conn.events().command(verb);
                    String arg = line.length() > verb.length() ? line.substring(verb.length() + 1) : "";
                    if (!execute(verb, arg, conn)) return;
                }
            } finally {
                conn.flush();
            }
        }

        /** False when the session must stop consuming input. */
        private boolean execute(String verb, String arg, Connection conn) {
            switch (verb) {
                case "ECHO" -> reply(conn, "ECHO " + arg);
                case "THREAD" -> reply(conn, Thread.currentThread().toString());
                case "TLS" -> reply(conn, conn.tls().map(t -> "TLS " + t.protocol()).orElse("PLAIN"));
                case "STARTTLS" -> {
                    if (!conn.startTlsAvailable()) {
                        reply(conn, "ERR no TLS");
                        return true;
                    }
                    reply(conn, "OK begin TLS");
                    conn.startTls();
                    return false;
                }
                case "QUIT" -> {
                    reply(conn, "BYE");
                    conn.close();
                    return false;
                }
                case "SLOW" -> {
                    slowStarted.countDown();
                    try {
                        if (!slowGo.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    reply(conn, "OK slow done");
                }
                case "TIMEOUT" -> {
                    conn.setReadTimeout(Duration.ofMillis(Long.parseLong(arg)));
                    reply(conn, "OK");
                }
                case "BIG" -> {
                    byte[] chunk = new byte[8192];
                    Arrays.fill(chunk, (byte) 'x');
                    for (long left = Long.parseLong(arg); left > 0 && conn.isOpen(); left -= chunk.length) {
                        conn.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                    reply(conn, "");
                }
                case "SEND" -> {
                    byte[] body = new byte[Integer.parseInt(arg)];
                    for (int i = 0; i < body.length; i++) body[i] = (byte) ('a' + i % 26);
                    try {
                        conn.transferFrom(new java.io.ByteArrayInputStream(body), body.length);
                        reply(conn, "");
                        conn.transferFrom(new java.io.ByteArrayInputStream(new byte[3]), 4);
                        reply(conn, "ERR source was not short");
                    } catch (java.io.IOException e) {
                        reply(conn, "OK short source detected");
                    }
                }
                case "PUSH" -> {
                    int n = Integer.parseInt(arg);
                    conn.executor().execute(() -> {
                        for (int i = 1; i <= n; i++) {
                            conn.writeLock().lock();
                            try {
                                reply(conn, "* PUSH " + i);
                                conn.flush();
                            } finally {
                                conn.writeLock().unlock();
                            }
                        }
                    });
                    reply(conn, "OK pushing");
                }
                case "LOGIN" -> {
                    String[] p = arg.split(" ");
                    if (p.length == 2 && p[1].equals("secret")) {
                        conn.events().authenticated(p[0], "LOGIN");
                        reply(conn, "OK welcome");
                    } else {
                        conn.events().authenticationFailed(p[0], "LOGIN");
                        reply(conn, "ERR bad");
                    }
                }
                default -> reply(conn, "ERR unknown");
            }
            return true;
        }

        @Override
        public void timedOut(Connection conn) {
            timedOut.incrementAndGet();
            reply(conn, "BYE timeout");
            conn.flush();
        }

        @Override
        public void shutdown(Connection conn) {
            shutdowns.incrementAndGet();
            reply(conn, "BYE shutting down");
            conn.flush();
        }

        @Override
        public void closed() {
            closed.incrementAndGet();
        }

        private void reply(Connection conn, String line) {
            conn.events().serverLine(line);
            conn.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
