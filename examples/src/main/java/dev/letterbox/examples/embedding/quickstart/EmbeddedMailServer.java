package dev.letterbox.examples.embedding.quickstart;

import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.net.tls.TlsConfig;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.imap4.ImapProtocol;
import dev.letterbox.pop3.Pop3Protocol;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.delivery.LocalDelivery;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The README's embedding quick start: IMAP (STARTTLS and implicit TLS), POP3 and SMTP submission over
 * the in-memory store, with one user. {@code EmbeddedMailServerTest} runs it with real clients.
 */
public final class EmbeddedMailServer {
    private EmbeddedMailServer() {
    }

    // tag::quickstart[]
    public static MailServer start(TlsConfig tls, int imapPort, int imapsPort, int pop3Port, int submissionPort)
            throws IOException {
        // 1. Storage: the built-in in-memory store (or your own MailStore implementation).
        InMemoryMailStore store = InMemoryMailStore.builder().user("alice@example.com").build();
        TrackedStore tracked = TrackedStore.of(store);      // publishes changes to every session

        // 2. Users and login rules, shared by all protocols.
        UserRegistry users = UserRegistry.create().setPassword("alice@example.com", "secret".toCharArray());
        AuthService auth = DefaultAuthService.builder().authenticator(users).build();

        // 3. Protocols: each is a ProtocolSessionFactory.
        ImapProtocol imap = ImapProtocol.builder(tracked, auth).build();
        Pop3Protocol pop3 = Pop3Protocol.builder(tracked, auth).build();
        SubmissionProtocol submission = SubmissionProtocol.builder(auth,
                LocalDelivery.builder(tracked).localDomains("example.com").build()).build();

        // 4. Listeners: plain endpoints offer STARTTLS/STLS because a TLS config is set.
        return MailServer.builder()
                .tls(tls)
                .plain("imap", new InetSocketAddress("127.0.0.1", imapPort), imap)
                .implicitTls("imaps", new InetSocketAddress("127.0.0.1", imapsPort), imap)
                .plain("pop3", new InetSocketAddress("127.0.0.1", pop3Port), pop3)
                .plain("submission", new InetSocketAddress("127.0.0.1", submissionPort), submission)
                .build()
                .start();
    }
    // end::quickstart[]
}
