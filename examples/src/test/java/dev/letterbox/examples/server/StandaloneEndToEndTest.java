package dev.letterbox.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.testkit.tls.SelfSignedCertificate;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server with every protocol, driven by real clients (Angus Mail) over real sockets. */
class StandaloneEndToEndTest {
    private static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();

    @TempDir
    Path dir;
    private LetterboxServer.Running running;

    @BeforeEach
    void start() throws Exception {
        CERT.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        running = LetterboxServer.start(new String[] {"--imap", "0", "--imaps", "0", "--pop3", "0", "--pop3s", "0",
                "--submission", "0", "--submissions", "0", "--tls-cert", dir.resolve("cert.pem").toString(),
                "--tls-key", dir.resolve("key.pem").toString(),
                "--user", "alice@localhost:alice-secret", "--user", "bob@localhost:bob-secret"}, sink, sink);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void every_listener_greets_in_its_protocol() throws Exception {
        Map<String, String> greetings = Map.of("imap", "* OK", "imaps", "* OK", "pop3", "+OK", "pop3s", "+OK",
                "submission", "220 ", "submissions", "220 ");
        assertThat(running.listeners().keySet()).containsExactlyInAnyOrderElementsOf(greetings.keySet());
        for (var e : running.listeners().entrySet()) {
            InetSocketAddress a = e.getValue();
            Socket raw = new Socket(a.getAddress(), a.getPort());
            raw.setSoTimeout(10_000);
            boolean implicitTls = e.getKey().endsWith("s");
            try (Socket s = implicitTls ? tls(raw) : raw) {
                assertThat(firstLine(s.getInputStream())).as(e.getKey()).startsWith(greetings.get(e.getKey()));
            }
        }
    }

    @Test
    void message_submitted_with_starttls_is_read_over_imaps_and_pop3s() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(running.listeners().get("submission").getPort()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.socketFactory", CERT.clientSocketFactory());
        p.put("mail.imaps.ssl.socketFactory", CERT.clientSocketFactory());
        p.put("mail.pop3s.ssl.socketFactory", CERT.clientSocketFactory());
        for (String proto : new String[] {"smtp", "imaps", "pop3s"}) {
            p.put("mail." + proto + ".connectiontimeout", "10000");
            p.put("mail." + proto + ".timeout", "10000");
        }
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("alice@localhost"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@localhost"));
        m.setSubject("hello from the standalone server");
        m.setText("It works.\r\n");
        try (Transport t = session.getTransport("smtp")) {
            t.connect("alice@localhost", "alice-secret");
            t.sendMessage(m, m.getAllRecipients());
        }

        try (Store imap = session.getStore("imaps")) {
            imap.connect("127.0.0.1", running.listeners().get("imaps").getPort(), "bob@localhost", "bob-secret");
            Folder inbox = imap.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("hello from the standalone server");
            inbox.close(false);
        }
        try (Store pop3 = session.getStore("pop3s")) {
            pop3.connect("127.0.0.1", running.listeners().get("pop3s").getPort(), "bob@localhost", "bob-secret");
            Folder inbox = pop3.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("hello from the standalone server");
            inbox.close(false);
        }
    }

    private static Socket tls(Socket raw) throws Exception {
        SSLSocket s = (SSLSocket) CERT.clientSocketFactory().createSocket(raw, "localhost", raw.getPort(), true);
        s.startHandshake();
        return s;
    }

    private static String firstLine(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') b.append((char) c);
        return b.toString();
    }
}
