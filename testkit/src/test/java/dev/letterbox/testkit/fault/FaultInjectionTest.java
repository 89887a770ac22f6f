package dev.letterbox.testkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Protocol;
import dev.letterbox.testkit.Service;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private static final int READ_TIMEOUT = 5000;
    private static final Duration WAIT = Duration.ofSeconds(5);
    private MailTestServer server;

    @BeforeEach
    void start() {
        server = MailTestServer.builder().user("alice@example.com", "pw").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LineClient connect(Service s) throws Exception {
        return s.implicitTls()
                ? LineClient.tls(server.host(), server.port(s), server.clientSslContext(), READ_TIMEOUT)
                : new LineClient(server.host(), server.port(s), READ_TIMEOUT);
    }

    private LineClient imapLoggedIn() throws Exception {
        LineClient c = connect(Service.IMAP);
        c.until("* OK");
        c.send("x1 LOGIN alice@example.com pw");
        c.until("x1 OK");
        return c;
    }

    private LineClient pop3LoggedIn() throws Exception {
        LineClient c = connect(Service.POP3);
        c.until("+OK");
        c.send("USER alice@example.com");
        c.until("+OK");
        c.send("PASS pw");
        c.until("+OK");
        return c;
    }

    private static String body(int lines) {
        StringBuilder sb = new StringBuilder("From: a@example.com\r\nTo: alice@example.com\r\nSubject: big\r\n\r\n");
        for (int i = 0; i < lines; i++) sb.append("line ").append(i).append(" of the body, padded to some length\r\n");
        return sb.toString();
    }

    @Nested
    class Smtp {
        @Test
        void reply_451_on_the_second_rcpt_only() throws Exception {
            var f = server.inject(Fault.onCommand(Protocol.SMTP, "RCPT").nth(2).reply("451 4.3.0 Try again later"));
            try (LineClient c = connect(Service.SUBMISSION)) {
                c.until("220 ");
                c.send("EHLO client");
                c.until("250 ");
                c.send("MAIL FROM:<a@example.com>");
                assertThat(c.line()).startsWith("250");
                c.send("RCPT TO:<alice@example.com>");
                assertThat(c.line()).startsWith("250");
                c.send("RCPT TO:<bob@example.com>");
                assertThat(c.line()).isEqualTo("451 4.3.0 Try again later");
                c.send("RCPT TO:<carol@example.com>");
                assertThat(c.line()).startsWith("250");
                c.send("DATA");
                assertThat(c.line()).startsWith("354");
                c.sendRaw("Subject: t\r\n\r\nhi\r\n.\r\n");
                assertThat(c.line()).startsWith("250");
            }
            assertThat(f.fired()).isEqualTo(1);
            assertThat(server.awaitSubmissions(1, WAIT).get(0).recipients())
                    .containsExactly("alice@example.com", "carol@example.com");
        }

        @Test
        void pipelined_commands_are_matched_one_by_one_rfc2920() throws Exception {
            server.inject(Fault.onCommand(Protocol.SMTP, "RCPT").nth(2).reply("452 4.5.3 Too many recipients"));
            try (LineClient c = connect(Service.SUBMISSION)) {
                c.until("220 ");
                c.send("EHLO client");
                c.until("250 ");
                c.sendRaw("MAIL FROM:<a@example.com>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<x@example.com>\r\nDATA\r\n");
                assertThat(c.line()).startsWith("250");
                assertThat(c.line()).startsWith("250");
                assertThat(c.line()).isEqualTo("452 4.5.3 Too many recipients");
                assertThat(c.line()).startsWith("354");
                c.sendRaw("Subject: p\r\n\r\n.\r\n");
                assertThat(c.line()).startsWith("250");
            }
        }

        @Test
        void reply_at_end_of_data_rejects_the_message_and_delivers_nothing() throws Exception {
            server.inject(Fault.onCommand(Protocol.SMTP, Fault.END_OF_DATA).reply("452 4.3.1 Insufficient system storage"));
            try (LineClient c = connect(Service.SUBMISSION)) {
                c.until("220 ");
                c.send("HELO client");
                c.until("250");
                c.send("MAIL FROM:<a@example.com>");
                c.until("250");
                c.send("RCPT TO:<alice@example.com>");
                c.until("250");
                c.send("DATA");
                c.until("354");
                c.sendRaw("Subject: rcpt\r\n\r\nRCPT TO:<looks like a command>\r\n..dot\r\n.\r\n");
                assertThat(c.line()).isEqualTo("452 4.3.1 Insufficient system storage");
                c.send("NOOP");
                assertThat(c.line()).startsWith("250");
            }
            assertThat(server.submissions()).isEmpty();
            assertThat(server.messages("alice@example.com")).isEmpty();
        }

        @Test
        void only_the_final_line_of_a_multiline_reply_is_replaced_at_response_end() throws Exception {
            server.inject(Fault.onCommand(Protocol.SMTP, "EHLO").atResponseEnd().reply("554 5.7.1 Go away"));
            try (LineClient c = connect(Service.SUBMISSION)) {
                c.until("220 ");
                c.send("EHLO client");
                assertThat(c.line()).startsWith("250-");
                assertThat(c.until("5")).isEqualTo("554 5.7.1 Go away");
            }
        }

        @Test
        void angus_sees_a_failed_handshake_on_submissions() {
            server.inject(Fault.onConnect(Service.SUBMISSIONS).failTlsHandshake());
            Session session = Session.getInstance(server.smtpsProperties());
            assertThatThrownBy(() -> {
                try (jakarta.mail.Transport t = session.getTransport("smtps")) {
                    t.connect();
                }
            }).isInstanceOf(MessagingException.class);
            assertThat(server.connections().get(0).transcript().toString()).contains("tls handshake failed");
        }

        @Test
        void greeting_can_be_replaced_and_the_connection_closed() throws Exception {
            server.inject(Fault.onConnect(Service.SUBMISSION).reply("554 5.3.2 No service"));
            try (LineClient c = connect(Service.SUBMISSION)) {
                assertThat(c.line()).isEqualTo("554 5.3.2 No service");
                assertThat(c.line()).isNull();
            }
            try (LineClient c = connect(Service.SUBMISSION)) {
                assertThat(c.line()).startsWith("220 ");
            }
        }
    }

    @Nested
    class Imap {
        @Test
        void no_overquota_on_append_uses_the_clients_tag_and_stores_nothing() throws Exception {
            server.inject(Fault.onCommand(Protocol.IMAP, "APPEND").reply("NO [OVERQUOTA] Quota exceeded"));
            try (LineClient c = imapLoggedIn()) {
                c.send("x2 APPEND INBOX {12}");
                assertThat(c.line()).isEqualTo("x2 NO [OVERQUOTA] Quota exceeded");
                c.send("x3 APPEND INBOX {12+}");
                c.sendRaw("Subject: a\r\n\r\n");
                assertThat(c.until("x3 ")).startsWith("x3 OK");
            }
            assertThat(server.messages("alice@example.com")).hasSize(1);
        }

        @Test
        void angus_append_sees_the_scripted_overquota() throws Exception {
            server.inject(Fault.onCommand(Protocol.IMAP, "APPEND").always().reply("NO [OVERQUOTA] Quota exceeded"));
            Session session = Session.getInstance(server.imapProperties());
            try (Store store = session.getStore("imap")) {
                store.connect("alice@example.com", "pw");
                Folder inbox = store.getFolder("INBOX");
                MimeMessage m = new MimeMessage(session, new ByteArrayInputStream("Subject: q\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)));
                assertThatThrownBy(() -> inbox.appendMessages(new MimeMessage[] {m}))
                        .isInstanceOf(MessagingException.class).hasMessageContaining("OVERQUOTA");
            }
        }

        @Test
        void disconnect_during_a_fetch_body_after_n_bytes() throws Exception {
            server.deliver("alice@example.com", body(200).getBytes(StandardCharsets.US_ASCII));
            server.inject(Fault.onCommand(Protocol.IMAP, "FETCH").duringBody(100).disconnect());
            try (LineClient c = imapLoggedIn()) {
                c.send("x2 SELECT INBOX");
                c.until("x2 OK");
                c.send("x3 FETCH 1 BODY[]");
                String first = c.line();
                assertThat(first).startsWith("* 1 FETCH");
                assertThat(c.rest()).hasSize(100);
            }
            server.awaitConnectionsClosed(WAIT);
        }

        @Test
        void tagged_status_can_be_replaced_at_response_end() throws Exception {
            server.deliver("alice@example.com", "Subject: s\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
            server.inject(Fault.onCommand(Protocol.IMAP, "UID FETCH").atResponseEnd().reply("NO [SERVERBUG] Lost it"));
            try (LineClient c = imapLoggedIn()) {
                c.send("x2 EXAMINE INBOX");
                c.until("x2 OK");
                c.send("x3 UID FETCH 1:* (FLAGS)");
                assertThat(c.line()).startsWith("* 1 FETCH");
                assertThat(c.line()).isEqualTo("x3 NO [SERVERBUG] Lost it");
                c.send("x4 NOOP");
                assertThat(c.until("x4 ")).startsWith("x4 OK");
            }
        }

        @Test
        void response_start_reply_runs_the_command_but_hides_its_answer() throws Exception {
            server.inject(Fault.onCommand(Protocol.IMAP, "CREATE").atResponseStart().reply("NO [UNAVAILABLE] Try later"));
            try (LineClient c = imapLoggedIn()) {
                c.send("x2 CREATE Lost");
                assertThat(c.line()).isEqualTo("x2 NO [UNAVAILABLE] Try later");
                c.send("x3 CREATE Lost");
                assertThat(c.until("x3 ")).startsWith("x3 NO");
            }
        }

        @Test
        void failed_tls_handshake_on_imaps_connect_then_recovery() {
            var f = server.inject(Fault.onConnect(Service.IMAPS).failTlsHandshake());
            assertThatThrownBy(() -> connect(Service.IMAPS)).isInstanceOf(SSLException.class);
            assertThat(f.fired()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThatCode(() -> {
                try (LineClient c = connect(Service.IMAPS)) {
                    assertThat(c.line()).startsWith("* OK");
                }
            }).doesNotThrowAnyException();
        }

        @Test
        void failed_tls_handshake_after_starttls() throws Exception {
            server.inject(Fault.onCommand(Protocol.IMAP, "STARTTLS").failTlsHandshake());
            try (LineClient c = connect(Service.IMAP)) {
                c.until("* OK");
                c.send("x1 STARTTLS");
                assertThat(c.line()).startsWith("x1 OK");
                assertThatThrownBy(() -> c.upgrade(server.clientSslContext(), server.host())).isInstanceOf(SSLException.class);
            }
        }

        @Test
        void idle_sees_a_delivery_from_the_test() throws Exception {
            try (LineClient c = imapLoggedIn()) {
                c.send("x2 SELECT INBOX");
                c.until("x2 OK");
                c.send("x3 IDLE");
                c.until("+");
                server.deliver("alice@example.com", "Subject: push\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(c.until("* 1 EXISTS")).isEqualTo("* 1 EXISTS");
                c.send("DONE");
                assertThat(c.until("x3 ")).startsWith("x3 OK");
            }
        }
    }

    @Nested
    class Pop3 {
        @Test
        void err_in_use_on_pass() throws Exception {
            server.inject(Fault.onCommand(Protocol.POP3, "PASS").reply("-ERR [IN-USE] Mailbox locked"));
            try (LineClient c = connect(Service.POP3)) {
                c.until("+OK");
                c.send("USER alice@example.com");
                c.until("+OK");
                c.send("PASS pw");
                assertThat(c.line()).isEqualTo("-ERR [IN-USE] Mailbox locked");
            }
            assertThat(server.commands(Protocol.POP3)).noneMatch(cmd -> cmd.line().contains("pw"));
        }

        @Test
        void retr_cut_after_n_body_bytes() throws Exception {
            server.deliver("alice@example.com", body(100).getBytes(StandardCharsets.US_ASCII));
            server.inject(Fault.onCommand(Protocol.POP3, "RETR").duringBody(250).disconnect());
            try (LineClient c = pop3LoggedIn()) {
                c.send("RETR 1");
                assertThat(c.line()).startsWith("+OK");
                assertThat(c.rest()).hasSize(250);
            }
        }

        @Test
        void throttled_response_arrives_complete_and_no_faster_than_the_rate() throws Exception {
            server.deliver("alice@example.com", body(10).getBytes(StandardCharsets.US_ASCII));
            server.inject(Fault.onCommand(Protocol.POP3, "RETR").throttle(2000));
            try (LineClient c = pop3LoggedIn()) {
                long t0 = System.nanoTime();
                c.send("RETR 1");
                c.until("+OK");
                c.until(".");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(ms).isGreaterThanOrEqualTo(200); // > 500 octets at 2000/s: a lower bound only
            }
        }

        @Test
        void delay_before_the_response() throws Exception {
            server.inject(Fault.onCommand(Protocol.POP3, "NOOP").atResponseStart().delay(Duration.ofMillis(300)));
            try (LineClient c = pop3LoggedIn()) {
                long t0 = System.nanoTime();
                c.send("NOOP");
                assertThat(c.line()).startsWith("+OK");
                assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
            }
        }

        @Test
        void stall_keeps_the_connection_open_but_silent() throws Exception {
            server.inject(Fault.onCommand(Protocol.POP3, "STAT").stall());
            try (LineClient c = new LineClient(server.host(), server.port(Service.POP3), 300)) {
                c.until("+OK");
                c.send("STAT");
                assertThatThrownBy(c::line).isInstanceOf(SocketTimeoutException.class);
            }
        }

        @Test
        void greeting_cut_after_n_bytes() throws Exception {
            server.inject(Fault.onConnect(Protocol.POP3).disconnectAfter(5));
            try (LineClient c = connect(Service.POP3)) {
                assertThat(new String(c.rest(), StandardCharsets.US_ASCII)).isEqualTo("+OK L");
            }
        }

        @Test
        void half_close_ends_the_servers_output_only() throws Exception {
            server.inject(Fault.onConnect(Protocol.POP3).halfClose());
            try (LineClient c = connect(Service.POP3)) {
                assertThat(c.read()).isEqualTo(-1);
                c.send("QUIT"); // the client can still write
            }
        }

        @Test
        void disconnect_on_connect_n_times_then_normal() throws Exception {
            var f = server.inject(Fault.onConnect(Protocol.POP3).times(2).disconnect());
            for (int i = 0; i < 2; i++) {
                try (LineClient c = connect(Service.POP3)) {
                    assertThat(c.line()).isNull();
                }
            }
            try (LineClient c = connect(Service.POP3)) {
                assertThat(c.line()).startsWith("+OK");
            }
            assertThat(f.fired()).isEqualTo(2);
        }

        @Test
        void user_specific_faults_match_only_that_user() throws Exception {
            server.user("bob@example.com", "pw2");
            server.inject(Fault.onCommand(Protocol.POP3, "STAT").forUser("bob@example.com").always().reply("-ERR [SYS/TEMP] Bob only"));
            for (String[] u : new String[][] {{"alice@example.com", "pw", "+OK"}, {"bob@example.com", "pw2", "-ERR [SYS/TEMP] Bob only"}}) {
                try (LineClient c = connect(Service.POP3)) {
                    c.until("+OK");
                    c.send("USER " + u[0]);
                    c.until("+OK");
                    c.send("PASS " + u[1]);
                    c.until("+OK");
                    c.send("STAT");
                    assertThat(c.line()).startsWith(u[2]);
                }
            }
        }
    }

    @Test
    void faults_are_validated_as_data() {
        assertThatThrownBy(() -> Fault.onCommand(Protocol.IMAP, "FETCH").failTlsHandshake()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.onConnect(Service.IMAP).failTlsHandshake()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.onCommand(Protocol.IMAP, "FETCH").duringBody(5).reply("NO")).isInstanceOf(IllegalArgumentException.class);
        Fault f = Fault.onCommand(Protocol.SMTP, "rcpt").nth(2).times(3).reply("451 4.3.0 x");
        assertThat(f.command()).contains("RCPT");
        assertThat(f.phase()).isEqualTo(Phase.COMMAND);
        assertThat(f).isEqualTo(Fault.onCommand(Protocol.SMTP, "RCPT").nth(2).times(3).reply("451 4.3.0 x"));
    }
}
