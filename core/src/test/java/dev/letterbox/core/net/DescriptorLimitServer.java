package dev.letterbox.core.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Child process of {@link DescriptorLimitTest}: a line-protocol server run under a low descriptor limit. */
public final class DescriptorLimitServer {
    private DescriptorLimitServer() {
    }

    public static void main(String[] args) throws IOException {
        LineProtocol protocol = new LineProtocol();
        java.util.List<ConnectionListener.Rejection> rejections = new java.util.concurrent.CopyOnWriteArrayList<>();
        MailServer server = MailServer.builder().threads(ThreadMode.valueOf(args[0])).maxConnectionsPerAddress(100_000)
                .listener(new ConnectionListener() {
                    @Override
                    public void rejected(String endpoint, InetSocketAddress remote, Rejection reason) {
                        rejections.add(reason);
                    }
                })
                .plain("line", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), protocol).start();
        // warm up: load every class of a connection's life before descriptors run out (loading a class
        // from a directory needs a descriptor)
        try (Client c = Client.connect(server.port("line"))) {
            c.line();
            c.send("ECHO warm\r\n").line();
            c.send("QUIT\r\n").rest();
        }
        System.out.println("PORT " + server.port("line"));
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes our stdin
        }
        server.shutdown(java.time.Duration.ZERO);
        System.out.println("REJECTIONS " + new java.util.TreeSet<>(rejections));
    }
}
