package dev.letterbox.examples.embedding.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MailServer;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EmbeddedMailServerTest {
    @Test
    void quick_start_serves_submission_imap_and_pop3_over_tls() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate();
        try (MailServer server = EmbeddedMailServer.start(cert.tlsConfig(), 0, 0, 0, 0)) {
            Properties p = new Properties();
            String trust = "localhost";
            p.put("mail.smtp.host", "localhost");
            p.put("mail.smtp.port", String.valueOf(server.port("submission")));
            p.put("mail.smtp.auth", "true");
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.socketFactory", cert.clientSocketFactory());
            p.put("mail.smtp.ssl.trust", trust);
            p.put("mail.imaps.ssl.socketFactory", cert.clientSocketFactory());
            p.put("mail.imaps.ssl.trust", trust);
            p.put("mail.pop3.starttls.enable", "true");
            p.put("mail.pop3.starttls.required", "true");
            p.put("mail.pop3.ssl.socketFactory", cert.clientSocketFactory());
            p.put("mail.pop3.ssl.trust", trust);
            Session session = Session.getInstance(p);

            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("alice@example.com"));
            m.setRecipients(Message.RecipientType.TO, "alice@example.com");
            m.setSubject("quick start");
            m.setText("hello from the README\n");
            Transport.send(m, "alice@example.com", "secret");

            try (Store imaps = session.getStore("imaps")) {
                imaps.connect("localhost", server.port("imaps"), "alice@example.com", "secret");
                Folder inbox = imaps.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("quick start");
                inbox.close(false);
            }
            try (Store pop3 = session.getStore("pop3")) {
                pop3.connect("localhost", server.port("pop3"), "alice@example.com", "secret");
                Folder inbox = pop3.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                assertThat(((String) inbox.getMessage(1).getContent()).replace("\r\n", "\n"))
                        .isEqualTo("hello from the README\n");
                inbox.close(false);
            }
        }
    }

    @Test
    void readme_quick_start_is_this_code() throws Exception {
        String source = Files.readString(Path.of(
                "src/main/java/dev/letterbox/examples/embedding/quickstart/EmbeddedMailServer.java"));
        String region = source.substring(source.indexOf('\n', source.indexOf("// tag::quickstart[]")) + 1,
                source.lastIndexOf('\n', source.indexOf("// end::quickstart[]")) + 1);
        String dedented = region.lines().map(l -> l.length() >= 4 ? l.substring(4) : l.strip())
                .reduce("", (a, b) -> a + b + "\n");
        String readme = Files.readString(Path.of("../README.md"));
        Matcher m = Pattern.compile("<!-- snippet:quickstart -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README has the quickstart snippet").isTrue();
        assertThat(m.group(1)).isEqualTo(dedented);
    }
}
