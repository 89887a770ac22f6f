package dev.letterbox.testkit.e2e.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.imap4.ImapProtocol;
import dev.letterbox.pop3.Pop3Protocol;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.delivery.LocalDelivery;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Submit with SMTP, read back with IMAP and POP3 over implicit TLS: the same bytes (after the
 * server's Received field); an IMAP client in IDLE sees the delivery at once.
 */
class SubmitThenReadTest {
    static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();
    MailServer server;

    @BeforeEach
    void start() throws Exception {
        TrackedStore store = TrackedStore.of(InMemoryMailStore.builder().autoCreateUsers(false)
                .user("alice@example.com", "bob@example.com").build());
        DefaultAuthService auth = DefaultAuthService.builder().authenticator(UserRegistry.forTests()
                .addUser("alice@example.com", "secret").addUser("bob@example.com", "hunter2")).failedLoginDelay(Duration.ZERO).build();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = MailServer.builder().tls(CERT.tlsConfig())
                .plain("submission", any, SubmissionProtocol.builder(auth, LocalDelivery.builder(store).localDomains("example.com")
                        .build()).build())
                .implicitTls("imaps", any, ImapProtocol.builder(store, auth).build())
                .implicitTls("pop3s", any, Pop3Protocol.builder(store, auth).build())
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "localhost");
        p.put("mail.smtp.port", String.valueOf(server.port("submission")));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.socketFactory", CERT.clientSocketFactory());
        for (String proto : new String[] {"imaps", "pop3s"}) {
            p.put("mail." + proto + ".host", "localhost");
            p.put("mail." + proto + ".port", String.valueOf(server.port(proto)));
            p.put("mail." + proto + ".ssl.socketFactory", CERT.clientSocketFactory());
            p.put("mail." + proto + ".timeout", "30000");
        }
        p.put("mail.smtp.timeout", "30000");
        return Session.getInstance(p);
    }

    MimeMessage submit(Session s, String subject) throws Exception {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("alice@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        m.setSubject(subject, "UTF-8");
        m.setText("Grüße über IMAP und POP3\r\n.dot\r\n", "UTF-8");
        m.saveChanges();
        Transport.send(m, "alice@example.com", "secret");
        return m;
    }

    static byte[] bytes(Message m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    static byte[] afterReceived(byte[] b) {
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(s).startsWith("Received: ");
        int end = s.indexOf("\r\n", s.indexOf(";\r\n\t") + 3) + 2;
        return java.util.Arrays.copyOfRange(b, end, b.length);
    }

    @Test
    void submitted_message_reads_back_byte_exact_over_imap_and_pop3() throws Exception {
        Session s = session();
        byte[] sent = bytes(submit(s, "round trip"));
        byte[] viaImap;
        try (Store imap = s.getStore("imaps")) {
            imap.connect("bob@example.com", "hunter2");
            Folder inbox = imap.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            viaImap = bytes(inbox.getMessage(1));
            inbox.close(false);
        }
        assertThat(afterReceived(viaImap)).isEqualTo(sent);
        try (Store pop = s.getStore("pop3s")) {
            pop.connect("bob@example.com", "hunter2");
            Folder inbox = pop.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(bytes(inbox.getMessage(1))).isEqualTo(viaImap);
            inbox.close(false);
        }
    }

    @Test
    void imap_idle_session_sees_submission_at_once() throws Exception {
        Session s = session();
        try (Store imap = s.getStore("imaps")) {
            imap.connect("bob@example.com", "hunter2");
            IMAPFolder inbox = (IMAPFolder) imap.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            CountDownLatch added = new CountDownLatch(1);
            CountDownLatch idling = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    added.countDown();
                }
            });
            Thread idler = new Thread(() -> {
                try {
                    idling.countDown();
                    while (added.getCount() > 0) inbox.idle(true);
                } catch (Throwable t) {
                    failure.set(t);
                    added.countDown();
                }
            });
            idler.start();
            assertThat(idling.await(10, TimeUnit.SECONDS)).isTrue();
            // a delivery just before IDLE starts is still reported: IDLE drains pending changes first
            submit(session(), "while idling");
            assertThat(added.await(30, TimeUnit.SECONDS)).as("IDLE saw the delivery").isTrue();
            assertThat(failure.get()).isNull();
            idler.join(30_000);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
        }
    }
}
