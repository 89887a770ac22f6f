package dev.letterbox.testkit.e2e.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.delivery.LocalDelivery;
import dev.letterbox.smtp.delivery.SmarthostRelay;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SMTP submission over real sockets with the core transport: Angus Mail's SMTP transport with
 * STARTTLS and implicit TLS (RFC 8314), AUTH PLAIN/LOGIN, local delivery into the in-memory store and
 * the message read back byte-exact, and relaying into a second Letterbox server as smarthost.
 */
class SubmissionEndToEndTest {
    static SelfSignedCertificate cert;

    InMemoryMailStore store;
    TrackedStore tracked;
    MailServer server;
    MailServer smarthost;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate();
    }

    @BeforeEach
    void start() throws Exception {
        store = InMemoryMailStore.builder().autoCreateUsers(false)
                .user("alice@example.com", "bob@example.com", "carol@example.com", "用户@例子.广告").build();
        tracked = TrackedStore.of(store);
        server = server(LocalDelivery.builder(tracked).localDomains("example.com").saveSentCopy(true).build(), false);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (smarthost != null) smarthost.close();
    }

    static DefaultAuthService auth(String... userAndPassword) {
        UserRegistry users = UserRegistry.forTests();
        for (int i = 0; i < userAndPassword.length; i += 2) users.addUser(userAndPassword[i], userAndPassword[i + 1]);
        // plaintext mechanisms only under TLS, even from loopback: exercises RFC 4954 §4 / RFC 6409 rules
        return DefaultAuthService.builder().authenticator(users).plaintextFromLoopback(false)
                .failedLoginDelay(Duration.ZERO).build();
    }

    MailServer server(dev.letterbox.smtp.SubmissionHandler handler, boolean anySender) throws Exception {
        SubmissionProtocol.Builder b = SubmissionProtocol.builder(auth("alice@example.com", "secret", "bob@example.com", "hunter2"),
                handler).hostname("mx.test").maxMessageSize(40L << 20);
        if (anySender) b.senderPolicy(dev.letterbox.smtp.SenderPolicy.any());
        SubmissionProtocol smtp = b.build();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        return MailServer.builder().tls(cert.tlsConfig()).plain("submission", any, smtp).implicitTls("submissions", any, smtp)
                .build().start();
    }

    Session session(boolean implicit, Properties extra) {
        String p = implicit ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(p + "host", "localhost");
        props.put(p + "port", String.valueOf(server.port(implicit ? "submissions" : "submission")));
        props.put(p + "auth", "true");
        props.put(p + "ssl.socketFactory", cert.clientSocketFactory());
        props.put(p + "ssl.checkserveridentity", "true");
        props.put(p + "timeout", "30000");
        props.put(p + "connectiontimeout", "30000");
        if (!implicit) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        props.putAll(extra);
        return Session.getInstance(props);
    }

    static void send(Session s, MimeMessage m, String user, String password, boolean implicit) throws MessagingException {
        try (Transport t = s.getTransport(implicit ? "smtps" : "smtp")) {
            t.connect(user, password);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    /**
     * The message as SMTP carries it: DATA content always ends with CRLF (RFC 5321 §4.1.1.4), so a
     * body without a final line break gets one from the client.
     */
    static byte[] bytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        byte[] b = out.toByteArray();
        if (b.length >= 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n') return b;
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** The single message in {@code user}'s {@code folder}. */
    byte[] stored(String user, MailboxPath folder) throws Exception {
        try (UserMailboxes u = store.open(user)) {
            Mailbox m = u.open(folder);
            List<MessageMeta> all = m.metaAfter(0);
            assertThat(all).as(user + " " + folder).hasSize(1);
            return m.content(all.get(0).uid()).readAllBytes();
        }
    }

    /** What the server delivered, without the fields it added on top (Received; Date/Message-ID already present). */
    static byte[] withoutTrace(byte[] stored) {
        String s = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(s).startsWith("Received: from ");
        int end = s.indexOf("\r\n", s.indexOf(";\r\n\t") + 3) + 2;
        return Arrays.copyOfRange(stored, end, stored.length);
    }

    MimeMessage message(Session s, String from, String to, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        m.saveChanges();
        return m;
    }

    @Test
    void starttls_auth_plain_multiple_recipients_delivered_byte_exact() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.auth.mechanisms", "PLAIN");
        Session s = session(false, p);
        MimeMessage m = message(s, "alice@example.com", "bob@example.com, carol@example.com", "Hello", "hi\r\n.dot\r\n");
        send(s, m, "alice@example.com", "secret", false);
        byte[] expected = bytes(m);
        byte[] bob = stored("bob@example.com", MailboxPath.INBOX);
        assertThat(withoutTrace(bob)).isEqualTo(expected);
        assertThat(stored("carol@example.com", MailboxPath.INBOX)).isEqualTo(bob);
        String trace = new String(bob, StandardCharsets.ISO_8859_1);
        assertThat(trace).contains("with ESMTPSA id").contains("(using TLSv1.");
        try (UserMailboxes u = store.open("alice@example.com")) { // saveSentCopy
            assertThat(stored("alice@example.com", u.findSpecialUse(SpecialUse.SENT).orElseThrow().path())).isEqualTo(bob);
        }
    }

    @Test
    void starttls_auth_login() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.auth.mechanisms", "LOGIN");
        Session s = session(false, p);
        MimeMessage m = message(s, "bob@example.com", "alice@example.com", "login", "via LOGIN");
        send(s, m, "bob@example.com", "hunter2", false);
        assertThat(withoutTrace(stored("alice@example.com", MailboxPath.INBOX))).isEqualTo(bytes(m));
    }

    @Test
    void implicit_tls_rfc8314() throws Exception {
        Session s = session(true, new Properties());
        MimeMessage m = message(s, "alice@example.com", "bob@example.com", "implicit", "over port 465 style");
        send(s, m, "alice@example.com", "secret", true);
        assertThat(withoutTrace(stored("bob@example.com", MailboxPath.INBOX))).isEqualTo(bytes(m));
    }

    @Test
    void no_plaintext_auth_without_tls_rfc4954_s4() {
        Properties p = new Properties();
        p.put("mail.smtp.starttls.enable", "false");
        p.put("mail.smtp.starttls.required", "false");
        Session s = session(false, p);
        assertThatThrownBy(() -> send(s, message(s, "alice@example.com", "bob@example.com", "x", "y"), "alice@example.com",
                "secret", false)).isInstanceOf(MessagingException.class);
        assertThat(store.users()).contains("bob@example.com");
    }

    @Test
    void wrong_password_and_foreign_sender_are_refused() throws Exception {
        Session s = session(false, new Properties());
        assertThatThrownBy(() -> send(s, message(s, "alice@example.com", "bob@example.com", "x", "y"), "alice@example.com",
                "nope", false)).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> send(s, message(s, "bob@example.com", "carol@example.com", "x", "y"), "alice@example.com",
                "secret", false)).hasStackTraceContaining("550 5.7.1");
    }

    @Test
    void eight_bit_and_smtputf8_message_rfc6152_rfc6531() throws Exception {
        Properties p = new Properties();
        p.put("mail.mime.allowutf8", "true");
        Session s = session(false, p);
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("alice@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("用户@例子.广告"));
        m.setSubject("Grüße ☃", "UTF-8");
        m.setText("8-bit body: Ünïcödé ☃\r\n", "UTF-8");
        m.saveChanges();
        m.setHeader("Content-Transfer-Encoding", "8bit");
        send(s, m, "alice@example.com", "secret", false);
        byte[] stored = stored("用户@例子.广告", MailboxPath.INBOX);
        assertThat(withoutTrace(stored)).isEqualTo(bytes(m));
        assertThat(new String(stored, StandardCharsets.UTF_8)).contains("with UTF8SMTPSA id").contains("Ünïcödé ☃");
    }

    @Test
    void twenty_megabyte_message_over_starttls() throws Exception {
        Session s = session(false, new Properties());
        StringBuilder sb = new StringBuilder(21 << 20);
        for (int i = 0; sb.length() < 20 << 20; i++) sb.append(i % 40 == 0 ? "." : "").append("line ").append(i).append(" of twenty megabytes\r\n");
        MimeMessage m = message(s, "alice@example.com", "bob@example.com", "big", sb.toString());
        m.setHeader("Content-Transfer-Encoding", "7bit");
        send(s, m, "alice@example.com", "secret", false);
        byte[] expected = bytes(m);
        assertThat(expected.length).isGreaterThan(20 << 20);
        assertThat(withoutTrace(stored("bob@example.com", MailboxPath.INBOX))).isEqualTo(expected);
    }

    @Test
    void bdat_chunking_through_angus_rfc3030() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.chunksize", "4096");
        Session s = session(false, p);
        MimeMessage m = message(s, "alice@example.com", "bob@example.com", "chunks", "chunked\r\n".repeat(3000));
        send(s, m, "alice@example.com", "secret", false);
        assertThat(withoutTrace(stored("bob@example.com", MailboxPath.INBOX))).isEqualTo(bytes(m));
    }

    @Test
    void relay_to_second_letterbox_smarthost_with_starttls_and_auth() throws Exception {
        InMemoryMailStore remoteStore = InMemoryMailStore.builder().autoCreateUsers(false).user("far@remote.example").build();
        smarthost = server(LocalDelivery.builder(TrackedStore.of(remoteStore)).localDomains("remote.example").build(), true);
        server.close();
        SmarthostRelay relay = SmarthostRelay.builder("localhost", smarthost.port("submission"))
                .security(SmarthostRelay.Security.STARTTLS).credentials("bob@example.com", "hunter2")
                .sslSocketFactory(cert.clientSocketFactory()).heloName("mx.test").build();
        server = server(LocalDelivery.builder(tracked).localDomains("example.com").relay(relay).build(), false);
        Session s = session(false, new Properties());
        MimeMessage m = message(s, "alice@example.com", "bob@example.com, far@remote.example", "relayed", "via smarthost");
        send(s, m, "alice@example.com", "secret", false);
        byte[] local = stored("bob@example.com", MailboxPath.INBOX);
        byte[] remote;
        try (UserMailboxes u = remoteStore.open("far@remote.example")) {
            Mailbox inbox = u.open(MailboxPath.INBOX);
            remote = inbox.content(inbox.metaAfter(0).get(0).uid()).readAllBytes();
        }
        // the smarthost adds its own Received on top of ours; the rest is the same bytes
        assertThat(withoutTrace(remote)).isEqualTo(local);
        assertThat(withoutTrace(local)).isEqualTo(bytes(m));
    }

    @Test
    void relay_refused_without_relay_configured_550_5_7_1() throws Exception {
        Session s = session(false, new Properties());
        assertThatThrownBy(() -> send(s, message(s, "alice@example.com", "someone@elsewhere.example", "x", "y"),
                "alice@example.com", "secret", false)).hasStackTraceContaining("550 5.7.1 Relaying not configured");
    }
}
