package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import org.junit.jupiter.api.Test;

/** RFC 3207 STARTTLS. */
class StartTlsTest {
    final RecordingHandler handler = new RecordingHandler();
    final SubmissionProtocol protocol = SubmissionProtocol.builder(TestUsers.auth(), handler).build();

    @Test
    void starttls_then_auth_offered_rfc3207_s4_rfc4954_s4() {
        Smtp s = new Smtp(protocol, MemoryConnection.builder().remote("198.51.100.9"));
        assertThat(s.ehlo()).contains("250-STARTTLS").doesNotContain("AUTH");
        assertThat(s.cmd("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS\r\n");
        assertThat(s.conn.tls()).isPresent();
        String ehlo = s.ehlo();
        assertThat(ehlo).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
        assertThat(s.cmd("STARTTLS")).startsWith("503 5.5.1 ");
    }

    @Test
    void commands_pipelined_after_starttls_are_tls_input_not_commands() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        String r = s.send("STARTTLS\r\nMAIL FROM:<alice@example.com>\r\n");
        assertThat(r).isEqualTo("220 2.0.0 Ready to start TLS\r\n");
        assertThat(s.conn.bytesDiscardedAtStartTls()).isEqualTo("MAIL FROM:<alice@example.com>\r\n".length());
    }

    @Test
    void ehlo_must_be_repeated_after_starttls_rfc3207_s4_2() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        s.cmd("STARTTLS");
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret"))).startsWith("503 5.5.1 ");
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("503 5.5.1 ");
        s.login();
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("250 ");
    }

    @Test
    void starttls_unavailable_is_454_and_with_argument_501() {
        Smtp s = new Smtp(protocol, MemoryConnection.builder().tlsAvailable(false));
        assertThat(s.ehlo()).doesNotContain("STARTTLS");
        assertThat(s.cmd("STARTTLS")).startsWith("454 4.7.0 ");
        assertThat(s.cmd("STARTTLS now")).startsWith("501 5.5.4 ");
        Smtp t = new Smtp(protocol, MemoryConnection.builder().implicitTls(true));
        assertThat(t.cmd("STARTTLS")).startsWith("503 5.5.1 ");
    }
}
