package dev.letterbox.testkit.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.Flag;
import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Protocol;
import dev.letterbox.testkit.RecordedCommand;
import dev.letterbox.testkit.Service;
import dev.letterbox.testkit.StoredMessage;
import dev.letterbox.testkit.Submission;
import dev.letterbox.testkit.fault.Fault;
import dev.letterbox.testkit.junit.MailTestServerExtension;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The code of the README section "Testing with letterbox-testkit": every snippet there is a tagged region of this file
 * ({@code ReadmeSnippetsTest} checks they are identical), so the README's examples compile and run.
 */
class ReadmeExamplesTest {
    // tag::extension[]
    @RegisterExtension
    static MailTestServerExtension mail = MailTestServerExtension.perClass(b -> b
            .user("alice@example.com", "secret")
            .user("app@example.com", "app-secret"));
    // end::extension[]

    static void send(Properties props, String from, String to, String subject) throws MessagingException {
        Session session = Session.getInstance(props);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject);
        m.setText("hello");
        Transport.send(m);
    }

    @Test
    void quickstart() throws Exception {
        // tag::quickstart[]
        try (MailTestServer server = MailTestServer.builder().user("alice@example.com", "secret").start()) {
            server.deliver("alice@example.com", "INBOX",
                    "From: bob@example.com\r\nSubject: Hi\r\n\r\nHello Alice\r\n".getBytes(StandardCharsets.UTF_8),
                    Flag.FLAGGED);

            Session session = Session.getInstance(server.imapProperties()); // STARTTLS, trusts the test certificate
            try (Store store = session.getStore("imap")) {
                store.connect("alice@example.com", "secret");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Hi");
            }
        }
        // end::quickstart[]
    }

    // tag::submission[]
    @Test
    void the_app_sends_a_receipt(MailTestServer server) throws Exception {
        send(server.smtpProperties(), "app@example.com", "alice@example.com", "Your receipt"); // the code under test

        Submission s = server.awaitSubmission(x -> x.recipients().contains("alice@example.com"), Duration.ofSeconds(5));
        assertThat(s.mailFrom()).isEqualTo("app@example.com");
        assertThat(s.tls()).isPresent();
        assertThat(s.mimeMessage().getSubject()).isEqualTo("Your receipt");

        List<StoredMessage> inbox = server.awaitMessages("alice@example.com", "INBOX", 1, Duration.ofSeconds(5));
        assertThat(inbox.get(0).text()).contains("Subject: Your receipt");
    }
    // end::submission[]

    @Test
    void faults(MailTestServer server) throws Exception {
        // tag::faults[]
        // SMTP: the second RCPT gets a temporary failure; the client's tag is used for IMAP replies
        server.inject(Fault.onCommand(Protocol.SMTP, "RCPT").nth(2).reply("451 4.3.0 Try again later"));
        server.inject(Fault.onCommand(Protocol.IMAP, "APPEND").reply("NO [OVERQUOTA] Quota exceeded"));
        server.inject(Fault.onCommand(Protocol.POP3, "PASS").forUser("bob@example.com").reply("-ERR [IN-USE] Locked"));

        // connection-level faults, at named phases, once / n times / always
        server.inject(Fault.onCommand(Protocol.POP3, "RETR").duringBody(1000).disconnect());
        server.inject(Fault.onCommand(Protocol.IMAP, "FETCH").atResponseStart().delay(Duration.ofSeconds(2)));
        server.inject(Fault.onCommand(Protocol.IMAP, "UID FETCH").throttle(10_000)); // bytes per second
        server.inject(Fault.onConnect(Protocol.SMTP).times(2).disconnect());
        server.inject(Fault.onConnect(Service.IMAPS).failTlsHandshake());
        var stall = server.inject(Fault.onCommand(Protocol.IMAP, "IDLE").always().stall());
        // end::faults[]
        assertThat(stall.fired()).isZero();
        try (Socket s = new Socket(server.host(), server.port(Service.SUBMISSION))) {
            s.setSoTimeout(5000);
            assertThat(s.getInputStream().read()).isEqualTo(-1); // first connect: disconnected
        }
        server.clearFaults();
    }

    @Test
    void inspection(MailTestServer server) throws Exception {
        send(server.plainTextProperties(Service.SUBMISSION), "app@example.com", "alice@example.com", "x");
        server.awaitSubmissions(1, Duration.ofSeconds(5));
        // tag::inspection[]
        for (RecordedCommand c : server.commands(Protocol.SMTP)) {
            System.out.println(c); // "#0 submission C: MAIL FROM:<app@example.com>" (passwords redacted)
        }
        server.transcript(0).forEach(System.out::println); // both directions of connection #0
        assertThatThrownBy(() -> server.awaitMessages("alice@example.com", "Archive", 1, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Recent transcript"); // bounded waits fail with what happened
        // end::inspection[]
        assertThat(server.commands(Protocol.SMTP)).extracting(RecordedCommand::verb).contains("MAIL", "RCPT", "DATA");
    }

    @Test
    void tls_client_side(MailTestServer server) throws Exception {
        // tag::tls[]
        Properties imaps = server.imapsProperties();   // implicit TLS, server identity checked
        Properties submission = server.smtpProperties(); // STARTTLS required
        javax.net.ssl.SSLContext ctx = server.clientSslContext(); // for other clients: trusts this server only
        java.security.KeyStore trust = server.trustStore();
        // end::tls[]
        try (Socket s = ctx.getSocketFactory().createSocket(server.host(), server.port(Service.POP3S))) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            assertThat((char) in.read()).isEqualTo('+');
        }
        assertThat(imaps.getProperty("mail.imaps.ssl.enable")).isEqualTo("true");
        assertThat(submission.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
        assertThat(trust.size()).isEqualTo(1);
    }
}
