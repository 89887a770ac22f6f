package dev.letterbox.testkit.e2e.pop3;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.pop3.Pop3Protocol;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/** A real MailServer with POP3 (STLS) and POP3S endpoints on 127.0.0.1, ephemeral ports. */
final class Pop3Server implements AutoCloseable {
    static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();

    final InMemoryMailStore store = InMemoryMailStore.create();
    final InMemoryChangeHub hub = new InMemoryChangeHub();
    final TrackedStore tracked = new TrackedStore(store, hub);
    final UserRegistry users = UserRegistry.forTests().addUser("alice", "secret").addUser("bob", "hunter2");
    final MailServer server;

    Pop3Server(boolean plaintextFromLoopback, Consumer<Pop3Protocol.Builder> options) throws Exception {
        DefaultAuthService auth = DefaultAuthService.builder()
                .authenticator(users)
                .plaintextFromLoopback(plaintextFromLoopback)
                .failedLoginDelay(Duration.ZERO)
                .build();
        Pop3Protocol.Builder b = Pop3Protocol.builder(tracked, auth);
        options.accept(b);
        Pop3Protocol pop3 = b.build();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = MailServer.builder()
                .tls(CERT.tlsConfig())
                .plain("pop3", any, pop3)
                .implicitTls("pop3s", any, pop3)
                .start();
    }

    Pop3Server() throws Exception {
        this(true, b -> { });
    }

    int port() {
        return server.port("pop3");
    }

    int tlsPort() {
        return server.port("pop3s");
    }

    MessageMeta deliver(String user, String message) {
        return tracked.deliver(user, MessageSource.ofBytes(message.getBytes(StandardCharsets.UTF_8)));
    }

    int inboxCount(String user) {
        return (int) store.open(user).open(MailboxPath.INBOX).allUids().size();
    }

    @Override
    public void close() {
        server.close();
    }
}
