package dev.letterbox.pop3;

import static dev.letterbox.pop3.Pop3Fixture.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class Pop3AuthorizationTest {
    private final Pop3Fixture f = new Pop3Fixture();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private MemoryConnection remote() {
        return f.connect(MemoryConnection.builder().remote("192.0.2.7"));
    }

    @Test
    void greeting_has_no_apop_banner_unless_apop_is_enabled_rfc1939_s7() {
        MemoryConnection c = MemoryConnection.open(f.protocol);
        assertThat(c.takeOutput()).isEqualTo("+OK Letterbox POP3 server ready\r\n");
        assertThat(cmd(c, "APOP alice 0123456789abcdef0123456789abcdef")).startsWith("-ERR Unknown command");
    }

    @Test
    void apop_logs_in_with_the_digest_of_the_greeting_timestamp_rfc1939_s7() {
        f.auth.apop = true;
        MemoryConnection c = MemoryConnection.open(f.protocol);
        Matcher m = Pattern.compile("^\\+OK .* (<[^>]+@[^>]+>)\r\n$").matcher(c.takeOutput());
        assertThat(m.matches()).isTrue();
        String ts = m.group(1);
        assertThat(cmd(c, "APOP alice " + FakeAuth.md5(ts + "wrong"))).startsWith("-ERR [AUTH] ");
        assertThat(cmd(c, "APOP alice " + FakeAuth.md5(ts + "secret"))).startsWith("+OK Logged in");
        assertThat(c.recordedEvents()).contains("C: APOP alice ***", "auth-ok alice APOP");
    }

    @Test
    void user_pass_logs_in_and_reports_the_maildrop_rfc1939_s7() {
        f.deliver("alice", Pop3Fixture.message(1));
        MemoryConnection c = f.connect();
        assertThat(cmd(c, "USER alice")).startsWith("+OK");
        String reply = cmd(c, "PASS secret");
        assertThat(reply).isEqualTo("+OK Logged in, maildrop has 1 messages\r\n");
        assertThat(c.recordedEvents()).contains("C: USER alice", "C: PASS ***", "auth-ok alice USER", "command PASS")
                .noneMatch(e -> e.contains("secret"));
    }

    @Test
    void password_may_contain_spaces_rfc1939_s7() {
        f.auth.user("carol", " two words ");
        MemoryConnection c = f.connect();
        cmd(c, "USER carol");
        assertThat(cmd(c, "PASS  two words ")).startsWith("+OK");
    }

    @Test
    void wrong_password_gets_auth_code_and_session_stays_usable_rfc3206() {
        MemoryConnection c = f.connect();
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS nope")).isEqualTo("-ERR [AUTH] Authentication failed\r\n");
        assertThat(c.recordedEvents()).contains("auth-fail alice USER");
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS secret")).startsWith("+OK");
    }

    @Test
    void policy_refusal_gets_auth_and_backend_trouble_gets_sys_temp_rfc3206() {
        MemoryConnection c = f.connect();
        cmd(c, "USER denied");
        assertThat(cmd(c, "PASS x")).startsWith("-ERR [AUTH] ");
        cmd(c, "USER temp");
        assertThat(cmd(c, "PASS x")).startsWith("-ERR [SYS/TEMP] ");
    }

    @Test
    void pass_without_user_is_an_error() {
        MemoryConnection c = f.connect();
        assertThat(cmd(c, "PASS secret")).isEqualTo("-ERR Send USER first\r\n");
    }

    @Test
    void plaintext_user_is_refused_without_tls_and_allowed_after_stls_rfc2595() {
        MemoryConnection c = remote();
        assertThat(cmd(c, "USER alice")).startsWith("-ERR [AUTH] Plaintext authentication disallowed")
                .contains("STLS");
        assertThat(cmd(c, "PASS secret")).isEqualTo("-ERR Send USER first\r\n");
        assertThat(cmd(c, "STLS")).isEqualTo("+OK Begin TLS negotiation\r\n");
        assertThat(cmd(c, "USER alice")).startsWith("+OK");
        assertThat(cmd(c, "PASS secret")).startsWith("+OK Logged in");
    }

    @Test
    void plaintext_refusal_without_stls_available_does_not_point_to_stls() {
        MemoryConnection c = f.connect(MemoryConnection.builder().remote("192.0.2.7").tlsAvailable(false));
        assertThat(cmd(c, "USER alice")).isEqualTo("-ERR [AUTH] Plaintext authentication disallowed on this connection\r\n");
    }

    @Test
    void stls_forgets_the_user_given_before_it_rfc2595_s4() {
        MemoryConnection c = f.connect();
        cmd(c, "USER alice");
        cmd(c, "STLS");
        assertThat(cmd(c, "PASS secret")).isEqualTo("-ERR Send USER first\r\n");
    }

    @Test
    void stls_twice_or_on_implicit_tls_is_refused() {
        MemoryConnection c = f.connect();
        cmd(c, "STLS");
        assertThat(cmd(c, "STLS")).isEqualTo("-ERR TLS is already active\r\n");
        MemoryConnection implicit = f.connect(MemoryConnection.builder().implicitTls(true));
        assertThat(cmd(implicit, "STLS")).isEqualTo("-ERR TLS is already active\r\n");
        MemoryConnection none = f.connect(MemoryConnection.builder().tlsAvailable(false));
        assertThat(cmd(none, "STLS")).isEqualTo("-ERR STLS not available\r\n");
    }

    @Test
    void stls_stops_consuming_input_pipelined_bytes_become_tls_input_rfc2595_s4() {
        MemoryConnection c = f.connect();
        c.send("CAPA\r\nSTLS\r\nUSER alice\r\nPASS secret\r\n");
        String out = c.takeOutput();
        assertThat(out).startsWith("+OK Capability list follows\r\n").endsWith(".\r\n+OK Begin TLS negotiation\r\n");
        assertThat(c.bytesDiscardedAtStartTls()).isEqualTo("USER alice\r\nPASS secret\r\n".length());
        assertThat(c.recordedEvents()).doesNotContain("C: USER alice");
        // the session is not logged in: the injected commands were never executed
        assertThat(cmd(c, "STAT")).startsWith("-ERR STAT is not valid in the AUTHORIZATION state");
    }

    @Test
    void auth_plain_with_initial_response_rfc5034() {
        MemoryConnection c = f.connect();
        assertThat(cmd(c, "AUTH PLAIN " + b64("\0alice\0secret"))).startsWith("+OK Logged in");
        assertThat(c.recordedEvents()).contains("C: AUTH PLAIN ***", "auth-ok alice PLAIN");
    }

    @Test
    void auth_plain_without_initial_response_gets_an_empty_challenge_rfc5034_s4() {
        MemoryConnection c = f.connect();
        assertThat(cmd(c, "AUTH PLAIN")).isEqualTo("+ \r\n");
        assertThat(cmd(c, b64("\0alice\0secret"))).startsWith("+OK Logged in");
        assertThat(c.recordedEvents()).contains("C: ***");
    }

    @Test
    void auth_challenge_response_with_base64_challenges_rfc5034_s4() {
        MemoryConnection c = f.connect();
        assertThat(cmd(c, "auth x-test")).isEqualTo("+ " + b64("who?") + "\r\n");
        assertThat(cmd(c, b64("bob:hunter2"))).startsWith("+OK Logged in");
    }

    @Test
    void auth_failure_gets_auth_code_rfc3206_s4() {
        MemoryConnection c = f.connect();
        cmd(c, "AUTH X-TEST");
        assertThat(cmd(c, b64("bob:wrong"))).isEqualTo("-ERR [AUTH] Authentication failed\r\n");
        assertThat(cmd(c, "AUTH PLAIN " + b64("\0bob\0hunter2"))).startsWith("+OK");
    }

    @Test
    void auth_cancelled_with_star_rfc5034_s4() {
        MemoryConnection c = f.connect();
        cmd(c, "AUTH X-TEST");
        assertThat(cmd(c, "*")).isEqualTo("-ERR Authentication cancelled\r\n");
        assertThat(cmd(c, "NOOP")).startsWith("-ERR NOOP is not valid in the AUTHORIZATION state");
    }

    @Test
    void auth_with_invalid_base64_fails_cleanly() {
        MemoryConnection c = f.connect();
        cmd(c, "AUTH X-TEST");
        assertThat(cmd(c, "!!!")).isEqualTo("-ERR Malformed authentication exchange\r\n");
        assertThat(cmd(c, "AUTH PLAIN !!!")).isEqualTo("-ERR Invalid base64 in initial response\r\n");
    }

    @Test
    void success_with_additional_data_is_sent_as_a_final_challenge_rfc5034_s4() {
        MemoryConnection c = f.connect();
        cmd(c, "AUTH X-TEST");
        assertThat(cmd(c, b64("extra:x"))).isEqualTo("+ " + b64("welcome") + "\r\n");
        assertThat(cmd(c, "")).startsWith("+OK Logged in");
    }

    @Test
    void unknown_mechanism_and_plain_without_tls_are_refused() {
        assertThat(cmd(f.connect(), "AUTH CRAM-MD5")).isEqualTo("-ERR Unsupported authentication mechanism\r\n");
        assertThat(cmd(remote(), "AUTH PLAIN " + b64("\0alice\0secret")))
                .isEqualTo("-ERR Unsupported authentication mechanism\r\n");
    }

    @Test
    void auth_without_arguments_lists_mechanisms() {
        assertThat(cmd(f.connect(), "AUTH")).isEqualTo("+OK Supported mechanisms follow\r\nPLAIN\r\nX-TEST\r\n.\r\n");
    }

    @Test
    void utf8_command_is_accepted_in_authorization_only_rfc6856() {
        MemoryConnection c = f.connect();
        assertThat(cmd(c, "UTF8")).isEqualTo("+OK UTF8 enabled\r\n");
        f.auth.user("jösé", "pässwörd");
        cmd(c, "USER jösé");
        assertThat(cmd(c, "PASS pässwörd")).startsWith("+OK Logged in");
        assertThat(cmd(c, "UTF8")).startsWith("-ERR UTF8 is not valid in the TRANSACTION state");
    }

    @Test
    void utf8_can_be_switched_off() {
        Pop3Fixture g = new Pop3Fixture(b -> b.utf8(false));
        assertThat(cmd(g.connect(), "UTF8")).isEqualTo("-ERR Unknown command\r\n");
    }

    @Test
    void user_pass_can_be_switched_off() {
        Pop3Fixture g = new Pop3Fixture(b -> b.userPass(false));
        assertThat(cmd(g.connect(), "USER alice")).isEqualTo("-ERR USER/PASS is disabled, use AUTH\r\n");
    }

    @Test
    void transaction_commands_before_login_are_refused_with_clear_text() {
        MemoryConnection c = f.connect();
        assertThat(cmd(c, "RETR 1")).isEqualTo("-ERR RETR is not valid in the AUTHORIZATION state\r\n");
        assertThat(cmd(c, "XYZZY")).isEqualTo("-ERR Unknown command\r\n");
        assertThat(cmd(c, "USER")).isEqualTo("-ERR USER requires a user name\r\n");
        assertThat(cmd(c, "CAPA")).startsWith("+OK");
    }

    @Test
    void too_many_consecutive_protocol_errors_before_login_close_the_connection() {
        MemoryConnection c = f.connect();
        for (int i = 0; i < 4; i++) assertThat(cmd(c, "BOGUS")).isEqualTo("-ERR Unknown command\r\n");
        assertThat(cmd(c, "BOGUS")).isEqualTo("-ERR Unknown command; too many errors, closing connection\r\n");
        assertThat(c.isOpen()).isFalse();
    }

    @Test
    void a_good_command_resets_the_protocol_error_count() {
        MemoryConnection c = f.connect();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) cmd(c, "BOGUS");
            assertThat(cmd(c, "CAPA")).startsWith("+OK");
        }
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void over_long_line_is_rejected_and_the_connection_stays_usable_rfc2449_s4() {
        MemoryConnection c = f.connect();
        c.send("USER " + "x".repeat(3000));
        assertThat(c.takeOutput()).isEqualTo("-ERR Line too long (limit 1024 octets)\r\n");
        c.send("y".repeat(3000) + "\r\n");
        assertThat(c.takeOutput()).isEmpty();
        assertThat(cmd(c, "USER alice")).startsWith("+OK");
        assertThat(cmd(c, "PASS secret")).startsWith("+OK");
    }

    @Test
    void quit_in_authorization_says_goodbye_and_closes() {
        MemoryConnection c = f.connect();
        assertThat(cmd(c, "QUIT")).isEqualTo("+OK Bye\r\n");
        assertThat(c.isOpen()).isFalse();
    }

    @Test
    void keywords_are_case_insensitive_rfc1939_s3() {
        MemoryConnection c = f.connect();
        assertThat(cmd(c, "user alice")).startsWith("+OK");
        assertThat(cmd(c, "pAsS secret")).startsWith("+OK");
        assertThat(cmd(c, "stat")).startsWith("+OK 0 0");
    }

    @Test
    void over_long_sasl_response_aborts_the_exchange() {
        Pop3Fixture g = new Pop3Fixture(b -> b.maxSaslLineLength(300));
        MemoryConnection c = g.connect();
        cmd(c, "AUTH X-TEST");
        assertThat(cmd(c, "A".repeat(400))).isEqualTo("-ERR Authentication response too long\r\n");
        assertThat(cmd(c, "AUTH PLAIN " + b64("\0alice\0secret"))).startsWith("+OK Logged in");
    }

    @Test
    void commands_are_reported_to_connection_events() {
        MemoryConnection c = f.login("alice");
        cmd(c, "STAT");
        assertThat(c.recordedEvents()).contains("command USER", "command PASS", "command STAT", "C: STAT")
                .anyMatch(e -> e.startsWith("S: +OK 0 0"));
    }
}
