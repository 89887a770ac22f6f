package dev.letterbox.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Service;
import dev.letterbox.testkit.Submission;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --relay}: recipients outside the mail domains go through a smarthost (here a second,
 * in-process Letterbox submission server that requires AUTH), local ones are delivered locally.
 */
class RelayServerTest {
    private static MailTestServer smarthost;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeAll
    static void startSmarthost() {
        smarthost = MailTestServer.builder().services(Service.SUBMISSION, Service.SUBMISSIONS)
                .user("relay@example.net", "relay-pw").requireSmtpAuth(true).freshCertificate().start();
    }

    @AfterAll
    static void stopSmarthost() {
        smarthost.close();
    }

    @BeforeEach
    void reset() {
        smarthost.reset();
    }

    private String[] relayArgs(Service service, String tls, String password) throws Exception {
        Path trust = dir.resolve("smarthost.pem");
        Files.writeString(trust, smarthost.certificate().certificatePem());
        Path pw = dir.resolve("relay-password");
        Files.writeString(pw, password + "\n");
        return new String[] {"--user", "alice@example.org:alice-pw", "--user", "bob@example.org:bob-pw",
                "--relay", smarthost.host() + ":" + smarthost.port(service), "--relay-tls", tls,
                "--relay-user", "relay@example.net", "--relay-password-file", pw.toString(),
                "--relay-trust", trust.toString()};
    }

    @Test
    void remote_recipient_is_relayed_with_auth_over_starttls_local_one_delivered() throws Exception {
        try (LetterboxServer.Running running = ServerFixture.start(dir, out, relayArgs(Service.SUBMISSION, "starttls", "relay-pw"))) {
            ServerFixture.submit(running, "alice@example.org", "alice-pw", "alice@example.org", "relayed",
                    "bob@example.org", "carol@remote.example");

            List<Submission> relayed = smarthost.submissions();
            assertThat(relayed).hasSize(1);
            Submission s = relayed.get(0);
            assertThat(s.authUser()).contains("relay@example.net");
            assertThat(s.tls()).isPresent();
            assertThat(s.mailFrom()).isEqualTo("alice@example.org");
            assertThat(s.recipients()).containsExactly("carol@remote.example");

            List<byte[]> local = ServerFixture.messages(running, "bob@example.org", MailboxPath.INBOX);
            assertThat(local).hasSize(1);
            assertRelayedUnchanged(s.raw(), local.get(0));
        }
    }

    @Test
    void implicit_tls_relay() throws Exception {
        try (LetterboxServer.Running running = ServerFixture.start(dir, out, relayArgs(Service.SUBMISSIONS, "implicit", "relay-pw"))) {
            ServerFixture.submit(running, "alice@example.org", "alice-pw", "alice@example.org", "over 465",
                    "dave@remote.example");

            Submission s = smarthost.submissions().get(0);
            assertThat(s.service()).isEqualTo(Service.SUBMISSIONS);
            assertThat(s.authUser()).contains("relay@example.net");
            assertThat(s.recipients()).containsExactly("dave@remote.example");
            assertThat(s.text()).contains("Subject: over 465\r\n");
            assertThat(ServerFixture.messages(running, "bob@example.org", MailboxPath.INBOX)).isEmpty();
        }
    }

    @Test
    void refused_relay_credentials_fail_the_submission_with_a_temporary_error() throws Exception {
        try (LetterboxServer.Running running = ServerFixture.start(dir, out, relayArgs(Service.SUBMISSION, "starttls", "wrong"))) {
            assertThatThrownBy(() -> ServerFixture.submit(running, "alice@example.org", "alice-pw", "alice@example.org",
                    "not relayed", "carol@remote.example"))
                    .isInstanceOf(MessagingException.class).hasMessageContaining("451");
            assertThat(smarthost.submissions()).isEmpty();
        }
    }

    @Test
    void unknown_user_in_a_local_domain_is_refused_not_relayed() throws Exception {
        String[] args = relayArgs(Service.SUBMISSION, "starttls", "relay-pw");
        String[] more = java.util.Arrays.copyOf(args, args.length + 2);
        more[args.length] = "--mail-domain";
        more[args.length + 1] = "example.com"; // published; example.org stays local as a user domain
        try (LetterboxServer.Running running = ServerFixture.start(dir, out, more)) {
            assertThat(running.backend().submission().localDomains()).containsExactly("example.com", "example.org");
            for (String nobody : List.of("nobody@example.org", "nobody@example.com")) {
                assertThatThrownBy(() -> ServerFixture.submit(running, "alice@example.org", "alice-pw", "alice@example.org",
                        "to nobody", nobody))
                        .as(nobody).isInstanceOf(MessagingException.class)
                        .satisfies(e -> assertThat(chain(e)).contains("550 5.1.1"));
            }
            assertThat(smarthost.submissions()).isEmpty();
        }
    }

    @Test
    void without_relay_remote_recipients_are_refused_5_7_1() throws Exception {
        try (LetterboxServer.Running running = ServerFixture.start(dir, out,
                "--user", "alice@example.org:alice-pw", "--user", "bob@example.org:bob-pw")) {
            assertThat(running.backend().submission().relay()).isEmpty();
            assertThatThrownBy(() -> ServerFixture.submit(running, "alice@example.org", "alice-pw", "alice@example.org",
                    "nowhere", "carol@remote.example"))
                    .isInstanceOf(MessagingException.class)
                    .satisfies(e -> assertThat(chain(e)).contains("550 5.7.1"));
            assertThat(smarthost.submissions()).isEmpty();
        }
    }

    @Test
    void relay_usage_errors() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "pw-from-file-9\n");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[][] bad = {
                {"--relay", "nohost"},
                {"--relay", "smtp.example.net:0"},
                {"--relay", "smtp.example.net:99999"},
                {"--relay", "smtp.example.net:587", "--relay-tls", "sometimes"},
                {"--relay", "smtp.example.net:587", "--relay-user", "u"},
                {"--relay", "smtp.example.net:587", "--relay-password-file", pw.toString()},
                {"--relay", "smtp.example.net:587", "--relay-user", "u", "--relay-password-file", empty.toString()},
                {"--relay-user", "u", "--relay-password-file", pw.toString()},
                {"--relay-password", "secret"},
        };
        for (String[] args : bad) {
            assertThatThrownBy(() -> ServerFixture.start(dir, err, args)).as(String.join(" ", args))
                    .isInstanceOf(LetterboxServer.UsageException.class);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--relay takes HOST:PORT", "--relay-tls takes",
                "--relay-user and --relay-password-file go together", "is empty", "need --relay")
                .doesNotContain("READY", "pw-from-file-9");
    }

    @Test
    void relay_host_port_forms() throws Exception {
        assertThat(RelayConfig.relay("[::1]:2525", "none", java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), "localhost")).isNotNull();
        assertThat(RelayConfig.security("STARTTLS")).isEqualTo(dev.letterbox.smtp.delivery.SmarthostRelay.Security.STARTTLS);
        assertThat(RelayConfig.security("implicit")).isEqualTo(dev.letterbox.smtp.delivery.SmarthostRelay.Security.IMPLICIT_TLS);
        assertThat(RelayConfig.security("none")).isEqualTo(dev.letterbox.smtp.delivery.SmarthostRelay.Security.NONE);
    }

    /** The smarthost adds exactly its own Received field on top of the bytes we delivered locally. */
    private static void assertRelayedUnchanged(byte[] atSmarthost, byte[] deliveredLocally) {
        String relayed = new String(atSmarthost, StandardCharsets.ISO_8859_1);
        String local = new String(deliveredLocally, StandardCharsets.ISO_8859_1);
        assertThat(relayed).endsWith(local).startsWith("Received: ");
        String added = relayed.substring(0, relayed.length() - local.length());
        assertThat(added.split("\r\n(?![ \t])")).hasSize(1); // one header field (folded lines allowed)
        assertThat(local).startsWith("Received: ").contains("Subject: relayed\r\n");
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c.getMessage()).append('\n');
            if (c instanceof MessagingException me && me.getNextException() != null && me.getNextException() != c.getCause()) {
                sb.append(chain(me.getNextException()));
            }
        }
        return sb.toString();
    }
}
