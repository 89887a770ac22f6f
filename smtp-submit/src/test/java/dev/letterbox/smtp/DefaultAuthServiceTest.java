package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.net.MemoryConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The protocol against core's DefaultAuthService and UserRegistry (RFC 4954 with every core mechanism). */
class DefaultAuthServiceTest {
    final RecordingHandler handler = new RecordingHandler();
    final DefaultAuthService auth = DefaultAuthService.builder()
            .authenticator(UserRegistry.forTests().addUser("alice@example.com", "secret"))
            .failedLoginDelay(Duration.ZERO).build();
    final SubmissionProtocol protocol = SubmissionProtocol.builder(auth, handler).build();

    @Test
    void remote_client_without_tls_sees_no_plaintext_mechanisms_and_gets_538() {
        Smtp s = new Smtp(protocol, MemoryConnection.builder().remote("203.0.113.5"));
        String ehlo = s.ehlo();
        assertThat(ehlo).contains("250-AUTH SCRAM-SHA-256").doesNotContain("PLAIN");
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret"))).startsWith("538 5.7.11 ");
        s.cmd("STARTTLS");
        assertThat(s.ehlo()).contains("AUTH SCRAM-SHA-256 PLAIN LOGIN");
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret"))).startsWith("235 2.7.0 ");
    }

    @Test
    void plain_and_login_and_cancel_through_default_service() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "wrong"))).startsWith("535 5.7.8 ");
        assertThat(s.cmd("AUTH LOGIN")).startsWith("334 ");
        assertThat(s.cmd("*")).isEqualTo("501 5.0.0 Authentication cancelled\r\n");
        assertThat(s.cmd("AUTH LOGIN " + Smtp.b64("alice@example.com"))).startsWith("334 ");
        assertThat(s.cmd(Smtp.b64("secret"))).startsWith("235 2.7.0 ");
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("250 ");
    }

    @Test
    void scram_sha_256_first_message_gets_server_challenge() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        String r = s.cmd("AUTH SCRAM-SHA-256 " + Smtp.b64("n,,n=alice@example.com,r=abcdefghijklmnop"));
        assertThat(r).startsWith("334 ");
        String serverFirst = new String(java.util.Base64.getDecoder().decode(r.substring(4).trim()));
        assertThat(serverFirst).startsWith("r=abcdefghijklmnop").contains(",s=", ",i=");
        assertThat(s.cmd("*")).startsWith("501 5.0.0 ");
    }
}
