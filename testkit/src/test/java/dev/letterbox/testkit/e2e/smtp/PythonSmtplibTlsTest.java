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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-check with Python's smtplib over STARTTLS and implicit TLS (skipped without python3). */
class PythonSmtplibTlsTest {
    @TempDir
    Path dir;

    static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void smtplib_starttls_and_smtp_ssl_deliver_to_store() throws Exception {
        assumeTrue(python(), "python3 not installed");
        SelfSignedCertificate cert = SelfSignedCertificate.generate();
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, cert.certificatePem());
        InMemoryMailStore store = InMemoryMailStore.builder().autoCreateUsers(false).user("alice@example.com", "bob@example.com").build();
        DefaultAuthService auth = DefaultAuthService.builder()
                .authenticator(UserRegistry.forTests().addUser("alice@example.com", "secret"))
                .plaintextFromLoopback(false).failedLoginDelay(Duration.ZERO).build();
        SubmissionProtocol smtp = SubmissionProtocol.builder(auth,
                LocalDelivery.builder(TrackedStore.of(store)).localDomains("example.com").build()).build();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (MailServer server = MailServer.builder().tls(cert.tlsConfig()).plain("submission", any, smtp)
                .implicitTls("submissions", any, smtp).build().start()) {
            String script = String.join("\n",
                    "import smtplib, ssl, sys",
                    "ctx = ssl.create_default_context(cafile=sys.argv[1])",
                    "s = smtplib.SMTP('localhost', int(sys.argv[2]), timeout=30)",
                    "s.ehlo()",
                    "assert 'auth' not in s.esmtp_features or 'PLAIN' not in s.esmtp_features['auth'], s.esmtp_features",
                    "s.starttls(context=ctx)",
                    "s.ehlo()",
                    "s.login('alice@example.com', 'secret')",
                    "s.sendmail('alice@example.com', ['bob@example.com'], b'Subject: one\\r\\n\\r\\nfirst\\r\\n')",
                    "s.quit()",
                    "t = smtplib.SMTP_SSL('localhost', int(sys.argv[3]), context=ctx, timeout=30)",
                    "t.login('alice@example.com', 'secret')",
                    "t.sendmail('alice@example.com', ['bob@example.com'], b'Subject: two\\r\\n\\r\\nsecond\\r\\n')",
                    "t.quit()",
                    "print('ok')");
            Process p = new ProcessBuilder("python3", "-c", script, ca.toString(), String.valueOf(server.port("submission")),
                    String.valueOf(server.port("submissions"))).redirectErrorStream(true).start();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            try (UserMailboxes u = store.open("bob@example.com")) {
                Mailbox inbox = u.open(MailboxPath.INBOX);
                var metas = inbox.metaAfter(0);
                assertThat(metas).hasSize(2);
                assertThat(new String(inbox.content(metas.get(0).uid()).readAllBytes(), StandardCharsets.UTF_8))
                        .contains("with ESMTPSA").endsWith("Subject: one\r\n\r\nfirst\r\n");
                assertThat(new String(inbox.content(metas.get(1).uid()).readAllBytes(), StandardCharsets.UTF_8))
                        .endsWith("Subject: two\r\n\r\nsecond\r\n");
            }
        }
    }
}
