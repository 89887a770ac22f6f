package dev.letterbox.testkit.e2e.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.delivery.LocalDelivery;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-check with curl's SMTP client: STARTTLS required, AUTH, two recipients (skipped without curl). */
class CurlSmtpTest {
    @TempDir
    Path dir;

    static boolean curl() {
        try {
            return new ProcessBuilder("curl", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void curl_submits_over_starttls() throws Exception {
        assumeTrue(curl(), "curl not installed");
        SelfSignedCertificate cert = SelfSignedCertificate.generate();
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, cert.certificatePem());
        Path msg = dir.resolve("msg.eml");
        byte[] content = "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: curl\r\n\r\n.leading dot\r\nbody\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(msg, content);
        InMemoryMailStore store = InMemoryMailStore.builder().autoCreateUsers(false)
                .user("alice@example.com", "bob@example.com", "carol@example.com").build();
        DefaultAuthService auth = DefaultAuthService.builder()
                .authenticator(UserRegistry.forTests().addUser("alice@example.com", "secret"))
                .plaintextFromLoopback(false).failedLoginDelay(Duration.ZERO).build();
        SubmissionProtocol smtp = SubmissionProtocol.builder(auth,
                LocalDelivery.builder(TrackedStore.of(store)).localDomains("example.com").build()).build();
        try (MailServer server = MailServer.builder().tls(cert.tlsConfig())
                .plain("submission", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), smtp).build().start()) {
            Process p = new ProcessBuilder(List.of("curl", "-sS", "--max-time", "60", "--ssl-reqd", "--cacert", ca.toString(),
                    "--url", "smtp://localhost:" + server.port("submission"), "--user", "alice@example.com:secret",
                    "--mail-from", "alice@example.com", "--mail-rcpt", "bob@example.com", "--mail-rcpt", "carol@example.com",
                    "--upload-file", msg.toString())).redirectErrorStream(true).start();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
        }
        for (String user : List.of("bob@example.com", "carol@example.com")) {
            try (UserMailboxes u = store.open(user)) {
                Mailbox inbox = u.open(MailboxPath.INBOX);
                String stored = new String(inbox.content(inbox.metaAfter(0).get(0).uid()).readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(stored).contains("with ESMTPSA").contains("Date: ").contains("Message-ID: <")
                        .endsWith(new String(content, StandardCharsets.US_ASCII));
            }
        }
    }
}
