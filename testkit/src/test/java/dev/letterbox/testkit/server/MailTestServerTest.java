package dev.letterbox.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.Flag;
import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Protocol;
import dev.letterbox.testkit.RecordedCommand;
import dev.letterbox.testkit.Service;
import dev.letterbox.testkit.StoredMessage;
import dev.letterbox.testkit.Submission;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailTestServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private MailTestServer server;

    @BeforeEach
    void start() {
        server = MailTestServer.builder().user("alice@example.com", "alice-pw").user("bob@example.com", "bob-pw").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] eml(String subject) {
        return ("From: carol@example.com\r\nTo: alice@example.com\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "@test>\r\n\r\nHello " + subject + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void every_service_listens_on_an_ephemeral_loopback_port() {
        assertThat(server.host()).isEqualTo("127.0.0.1");
        for (Service s : Service.values()) assertThat(server.port(s)).isPositive();
        assertThat(server.services()).hasSize(6);
    }

    @Test
    void delivered_messages_are_read_back_over_imap_with_starttls() throws Exception {
        server.deliver("alice@example.com", eml("first"));
        server.deliver("alice@example.com", "INBOX", Clients.message("x@example.com", "alice@example.com", "second", "body"));
        List<String> subjects = Clients.subjects(server, Service.IMAP, server.imapProperties(), "alice@example.com", "alice-pw", "INBOX");
        assertThat(subjects).containsExactly("first", "second");
        assertThat(server.connections().get(0).tls()).isPresent();
    }

    @Test
    void imaps_and_pop3s_work_with_angus_server_identity_check() throws Exception {
        server.deliver("alice@example.com", eml("tls"));
        assertThat(Clients.subjects(server, Service.IMAPS, server.imapsProperties(), "alice@example.com", "alice-pw", "INBOX"))
                .containsExactly("tls");
        assertThat(Clients.subjects(server, Service.POP3S, server.pop3sProperties(), "alice@example.com", "alice-pw", "INBOX"))
                .containsExactly("tls");
        assertThat(server.imapsProperties().get("mail.imaps.ssl.checkserveridentity")).isEqualTo("true");
    }

    @Test
    void pop3_reads_the_inbox() throws Exception {
        server.deliver("bob@example.com", eml("pop"));
        assertThat(Clients.subjects(server, Service.POP3, server.pop3Properties(), "bob@example.com", "bob-pw", "INBOX"))
                .containsExactly("pop");
    }

    @Test
    void submissions_are_recorded_with_envelope_auth_and_tls_and_delivered_locally() throws Exception {
        var props = server.smtpProperties();
        props.put("mail.smtp.auth", "true");
        Clients.send(server, Service.SUBMISSION, props, "alice@example.com", "alice-pw",
                Clients.message("alice@example.com", "bob@example.com, dave@elsewhere.example", "hello", "hi"));
        Submission s = server.awaitSubmission(x -> x.recipients().contains("bob@example.com"), WAIT);
        assertThat(s.mailFrom()).isEqualTo("alice@example.com");
        assertThat(s.recipients()).containsExactly("bob@example.com", "dave@elsewhere.example");
        assertThat(s.authUser()).contains("alice@example.com");
        assertThat(s.tls()).isPresent();
        assertThat(s.service()).isEqualTo(Service.SUBMISSION);
        assertThat(s.mimeMessage().getSubject()).isEqualTo("hello");
        List<StoredMessage> bob = server.awaitMessages("bob@example.com", "INBOX", 1, WAIT);
        assertThat(bob.get(0).mimeMessage().getSubject()).isEqualTo("hello");
        assertThat(server.userNames()).doesNotContain("dave@elsewhere.example");
    }

    @Test
    void unauthenticated_submission_over_implicit_tls() throws Exception {
        Clients.send(server, Service.SUBMISSIONS, server.smtpsProperties(), null, null,
                Clients.message("app@example.com", "alice@example.com", "no auth", "hi"));
        Submission s = server.awaitSubmissions(1, WAIT).get(0);
        assertThat(s.authUser()).isEmpty();
        assertThat(s.service()).isEqualTo(Service.SUBMISSIONS);
        assertThat(server.awaitMessages(1, WAIT)).extracting(StoredMessage::user).containsExactly("alice@example.com");
    }

    @Test
    void commands_are_recorded_with_connection_user_and_redacted_line() throws Exception {
        server.deliver("alice@example.com", eml("cmds"));
        Clients.subjects(server, Service.IMAP, server.plainTextProperties(Service.IMAP), "alice@example.com", "alice-pw", "INBOX");
        List<RecordedCommand> imap = server.commands(Protocol.IMAP);
        RecordedCommand login = imap.stream().filter(c -> c.verb().equals("LOGIN") || c.verb().equals("AUTHENTICATE")).findFirst().orElseThrow();
        assertThat(login.line()).doesNotContain("alice-pw");
        assertThat(login.connection()).isZero();
        RecordedCommand select = imap.stream().filter(c -> c.verb().equals("SELECT") || c.verb().equals("EXAMINE")).findFirst().orElseThrow();
        assertThat(select.user()).contains("alice@example.com");
        assertThat(server.transcript(0)).anySatisfy(l -> assertThat(l.text()).contains("OK"));
        assertThat(server.transcript(0).toString()).doesNotContain("alice-pw");
    }

    @Test
    void awaiting_fails_with_the_recent_transcript() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.host(), server.port(Service.POP3)));
            s.getOutputStream().write("CAPA\r\n".getBytes(StandardCharsets.US_ASCII));
            server.awaitCommand(c -> c.verb().equals("CAPA"), WAIT);
        }
        assertThatThrownBy(() -> server.awaitMessages(1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 message(s)")
                .hasMessageContaining("#0 C: CAPA");
    }

    @Test
    void eml_tree_loads_into_folders(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("a.eml"), eml("inbox-a"));
        Files.createDirectories(dir.resolve("Archive/2024"));
        Files.write(dir.resolve("Archive/2024/b.eml"), eml("archived"));
        List<StoredMessage> loaded = server.load("alice@example.com", dir);
        assertThat(loaded).extracting(StoredMessage::folder).containsExactlyInAnyOrder("INBOX", "Archive/2024");
        assertThat(server.messages("alice@example.com", "Archive/2024")).singleElement()
                .satisfies(m -> assertThat(m.mimeMessage().getSubject()).isEqualTo("archived"));
        assertThat(Clients.subjects(server, Service.IMAP, server.imapProperties(), "alice@example.com", "alice-pw", "Archive/2024"))
                .containsExactly("archived");
    }

    @Test
    void flags_are_kept_on_delivery() {
        StoredMessage m = server.deliver("alice@example.com", "INBOX", eml("flagged"), Flag.SEEN, Flag.FLAGGED);
        assertThat(server.messages("alice@example.com")).singleElement()
                .satisfies(x -> assertThat(x.flags()).contains(Flag.SEEN, Flag.FLAGGED));
        assertThat(m.uid()).isPositive();
    }

    @Test
    void close_is_idempotent_and_start_after_close_keeps_ports_users_and_mail() throws Exception {
        server.deliver("alice@example.com", eml("kept"));
        int imap = server.port(Service.IMAP);
        server.close();
        server.close();
        assertThat(server.isRunning()).isFalse();
        server.start();
        assertThat(server.port(Service.IMAP)).isEqualTo(imap);
        assertThat(Clients.subjects(server, Service.IMAP, server.imapProperties(), "alice@example.com", "alice-pw", "INBOX"))
                .containsExactly("kept");
    }

    @Test
    void close_ends_connections_held_by_a_long_fault_delay() throws Exception {
        server.inject(dev.letterbox.testkit.fault.Fault.onCommand(Protocol.POP3, "NOOP").atResponseStart().delay(Duration.ofHours(1)));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server.host(), server.port(Service.POP3)));
            s.setSoTimeout(10_000);
            s.getOutputStream().write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            server.awaitCommand(c -> c.verb().equals("NOOP"), WAIT);
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), server::close);
            server.awaitConnectionsClosed(WAIT);
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void reset_forgets_mail_records_and_runtime_users_but_keeps_builder_users() throws Exception {
        server.user("zed@example.com", "zed-pw");
        server.deliver("alice@example.com", eml("gone"));
        server.reset();
        assertThat(server.allMessages()).isEmpty();
        assertThat(server.commands()).isEmpty();
        assertThat(server.userNames()).containsExactlyInAnyOrder("alice@example.com", "bob@example.com");
        assertThat(Clients.subjects(server, Service.POP3, server.pop3Properties(), "alice@example.com", "alice-pw", "INBOX")).isEmpty();
    }

    @Test
    void seeding_an_unknown_user_creates_its_mailboxes() {
        server.deliver("new@example.com", "Projects/2025", eml("seeded"));
        assertThat(server.userNames()).contains("new@example.com");
        assertThat(server.awaitMessages("new@example.com", "Projects/2025", 1, WAIT)).hasSize(1);
        assertThat(server.awaitMessages("new@example.com", 0, WAIT)).isEmpty();
    }

    @Test
    void purge_deletes_messages_but_keeps_users() {
        server.deliver("alice@example.com", eml("one"));
        server.deliver("bob@example.com", "Archive", eml("two"));
        server.purge();
        assertThat(server.allMessages()).isEmpty();
        assertThat(server.userNames()).contains("alice@example.com", "bob@example.com");
    }

    @Test
    void auto_created_users_log_in_with_their_first_password_and_receive_mail() throws Exception {
        try (MailTestServer auto = MailTestServer.builder().services(Service.IMAP, Service.SUBMISSION).autoCreateUsers(true).start()) {
            Clients.send(auto, Service.SUBMISSION, auto.plainTextProperties(Service.SUBMISSION), null, null,
                    Clients.message("app@example.com", "new@example.com", "welcome", "hi"));
            auto.awaitMessages("new@example.com", "INBOX", 1, WAIT);
            assertThat(Clients.subjects(auto, Service.IMAP, auto.imapProperties(), "new@example.com", "first-pw", "INBOX"))
                    .containsExactly("welcome");
            assertThatThrownBy(() -> Clients.subjects(auto, Service.IMAP, auto.imapProperties(), "new@example.com", "other", "INBOX"))
                    .isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
        }
    }

    @Test
    void unknown_users_cannot_log_in_without_auto_create() {
        assertThatThrownBy(() -> Clients.subjects(server, Service.IMAP, server.imapProperties(), "nobody@example.com", "x", "INBOX"))
                .isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
    }
}
