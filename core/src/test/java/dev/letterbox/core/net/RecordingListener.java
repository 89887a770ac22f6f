package dev.letterbox.core.net;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records connection events; {@link #nextClose()} waits (bounded) for the next close. */
final class RecordingListener implements ConnectionListener, WireTrace {
    final List<String> events = new CopyOnWriteArrayList<>();
    final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    final BlockingQueue<Rejection> rejections = new LinkedBlockingQueue<>();
    final BlockingQueue<ConnectionInfo> connects = new LinkedBlockingQueue<>();

    @Override
    public void connected(ConnectionInfo info) {
        events.add("connected " + info.endpoint());
        connects.add(info);
    }

    @Override
    public void tlsEstablished(ConnectionInfo info, TlsInfo tls) {
        events.add("tls " + tls.protocol());
    }

    @Override
    public void command(ConnectionInfo info, String verb) {
        events.add("command " + verb);
    }

    @Override
    public void authenticated(ConnectionInfo info, String user, String mechanism) {
        events.add("auth-ok " + user + " " + mechanism);
    }

    @Override
    public void authenticationFailed(ConnectionInfo info, String user, String mechanism) {
        events.add("auth-fail " + user + " " + mechanism);
    }

    @Override
    public void rejected(String endpoint, InetSocketAddress remote, Rejection reason) {
        events.add("rejected " + reason);
        rejections.add(reason);
    }

    @Override
    public void closed(ConnectionInfo info, CloseReason reason) {
        events.add("closed " + reason);
        closes.add(reason);
    }

    @Override
    public void line(ConnectionInfo info, Direction direction, String line) {
        events.add((direction == Direction.CLIENT ? "C: " : "S: ") + line);
    }

    CloseReason nextClose() throws InterruptedException {
        CloseReason r = closes.poll(10, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no connection closed within 10 s; events: " + events);
        return r;
    }

    Rejection nextRejection() throws InterruptedException {
        Rejection r = rejections.poll(10, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("no rejection within 10 s; events: " + events);
        return r;
    }
}
