package dev.letterbox.core.net;

import dev.letterbox.core.net.internal.Threads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.stream.Stream;

/** Shared bits of the socket transport tests. */
final class ServerFixture {
    private ServerFixture() {
    }

    /** Every thread mode this JVM can run: platform always, virtual on Java 21+. */
    static Stream<ThreadMode> modes() {
        return Threads.virtualThreadsAvailable() ? Stream.of(ThreadMode.PLATFORM, ThreadMode.VIRTUAL)
                : Stream.of(ThreadMode.PLATFORM);
    }

    static InetSocketAddress ephemeral() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** A builder with one plain endpoint {@code line} on 127.0.0.1:0, recording into {@code rec}. */
    static MailServer.Builder plain(ThreadMode mode, LineProtocol protocol, RecordingListener rec) {
        return MailServer.builder().threads(mode).listener(rec).wireTrace(rec).plain("line", ephemeral(), protocol);
    }
}
