package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import org.junit.jupiter.api.Test;

/** RFC 5321 commands, reply codes and RFC 2034 enhanced status codes. */
class CommandsTest {
    final RecordingHandler handler = new RecordingHandler();
    final SubmissionProtocol protocol = SubmissionProtocol.builder(TestUsers.auth(), handler)
            .hostname("mx.test").build();

    @Test
    void greeting_is_220_without_enhanced_code_rfc5321_s4_2() {
        Smtp s = new Smtp(protocol);
        assertThat(s.greeting).isEqualTo("220 mx.test ESMTP Letterbox submission ready\r\n");
        assertThat(s.conn.flushCount()).isEqualTo(1);
    }

    @Test
    void ehlo_lists_extensions_in_multiline_reply_rfc5321_s4_1_1_1() {
        Smtp s = new Smtp(protocol);
        String r = s.ehlo();
        assertThat(r).startsWith("250-mx.test greets client.example\r\n")
                .contains("250-PIPELINING\r\n", "250-SIZE 36700160\r\n", "250-8BITMIME\r\n", "250-SMTPUTF8\r\n",
                        "250-ENHANCEDSTATUSCODES\r\n", "250-CHUNKING\r\n", "250-DSN\r\n", "250-STARTTLS\r\n",
                        "250-AUTH PLAIN LOGIN\r\n")
                .endsWith("250 HELP\r\n");
    }

    @Test
    void disabled_extensions_are_not_advertised() {
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler).pipelining(false).chunking(false)
                .dsn(false).smtpUtf8(false).startTls(false).build();
        String r = new Smtp(p).ehlo();
        assertThat(r).doesNotContain("PIPELINING", "CHUNKING", "DSN", "SMTPUTF8", "STARTTLS").contains("8BITMIME");
    }

    @Test
    void ehlo_without_domain_is_501_and_helo_gets_plain_250() {
        Smtp s = new Smtp(protocol);
        assertThat(s.cmd("EHLO")).startsWith("501 5.5.4 ");
        assertThat(s.cmd("HELO client.example")).isEqualTo("250 mx.test\r\n");
    }

    @Test
    void helo_session_refuses_esmtp_parameters_rfc5321_s4_1_1_11() {
        Smtp s = new Smtp(protocol);
        s.cmd("HELO client.example");
        s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret")); // AUTH needs EHLO
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("530 5.7.0 ");
    }

    @Test
    void noop_vrfy_help_rset_quit() {
        Smtp s = new Smtp(protocol);
        assertThat(s.cmd("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
        assertThat(s.cmd("NOOP ignored argument")).isEqualTo("250 2.0.0 OK\r\n");
        assertThat(s.cmd("VRFY alice")).startsWith("252 2.5.0 ");
        assertThat(s.cmd("VRFY")).startsWith("501 5.5.4 ");
        assertThat(s.cmd("HELP")).startsWith("214 2.0.0 ");
        assertThat(s.cmd("RSET")).isEqualTo("250 2.0.0 Reset OK\r\n");
        assertThat(s.cmd("QUIT")).isEqualTo("221 2.0.0 mx.test closing connection\r\n");
        assertThat(s.conn.isOpen()).isFalse();
    }

    @Test
    void unknown_is_500_and_unimplemented_is_502_rfc5321_s4_2_4() {
        Smtp s = new Smtp(protocol);
        assertThat(s.cmd("FROB")).isEqualTo("500 5.5.2 Command unrecognized\r\n");
        assertThat(s.cmd("EXPN staff")).isEqualTo("502 5.5.1 Command not implemented\r\n");
        assertThat(s.cmd("TURN")).startsWith("502 5.5.1 ");
        assertThat(s.cmd("")).startsWith("500 5.5.2 ");
    }

    @Test
    void bad_sequence_is_503_rfc5321_s4_3_2() {
        Smtp s = new Smtp(protocol);
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("503 5.5.1 ");
        s.login();
        assertThat(s.cmd("RCPT TO:<bob@example.com>")).startsWith("503 5.5.1 ");
        assertThat(s.cmd("DATA")).startsWith("503 5.5.1 ");
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("250 2.1.0 ");
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("503 5.5.1 Nested");
        assertThat(s.cmd("DATA")).isEqualTo("554 5.5.1 No valid recipients\r\n");
    }

    @Test
    void commands_are_case_insensitive_and_lf_terminated_lines_are_accepted() {
        Smtp s = new Smtp(protocol);
        assertThat(s.send("noop\n")).isEqualTo("250 2.0.0 OK\r\n");
        assertThat(s.cmd("eHlO x")).startsWith("250-");
    }

    @Test
    void invalid_bytes_in_command_are_rejected() {
        Smtp s = new Smtp(protocol);
        assertThat(s.send(new byte[] {'N', 'O', 0, 'P', '\r', '\n'})).startsWith("500 5.5.2 ");
        assertThat(s.send(new byte[] {'N', (byte) 0xC3, '\r', '\n'})).startsWith("500 5.5.2 ");
        assertThat(s.send("NO\rOP\r\n")).startsWith("500 5.5.2 ");
    }

    @Test
    void overlong_line_is_consumed_and_rejected_500_5_5_2_rfc5321_s4_5_3_1_4() {
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler).maxLineLength(512).build();
        Smtp s = new Smtp(p);
        String chunk = "X".repeat(400);
        assertThat(s.send("NOOP " + chunk)).isEmpty(); // incomplete, still under the limit
        assertThat(s.send(chunk)).isEmpty(); // over the limit: consumed, waiting for its end
        assertThat(s.send(chunk)).isEmpty();
        assertThat(s.send("tail\r\nNOOP\r\n")).isEqualTo("500 5.5.2 Line too long\r\n250 2.0.0 OK\r\n");
        assertThat(s.cmd("NOOP " + "y".repeat(600))).isEqualTo("500 5.5.2 Line too long\r\n");
        assertThat(s.cmd("NOOP " + "y".repeat(500))).isEqualTo("250 2.0.0 OK\r\n");
    }

    @Test
    void too_many_errors_close_with_421_4_7_0() {
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler).maxErrors(3).build();
        Smtp s = new Smtp(p);
        s.cmd("BAD1");
        s.cmd("BAD2");
        assertThat(s.cmd("BAD3")).isEqualTo("500 5.5.2 Command unrecognized\r\n421 4.7.0 localhost Too many errors, closing connection\r\n");
        assertThat(s.conn.isOpen()).isFalse();
    }

    @Test
    void timeout_and_shutdown_and_busy_replies() {
        Smtp s = new Smtp(protocol);
        s.conn.fireTimeout();
        assertThat(s.conn.takeOutput()).isEqualTo("421 4.4.2 mx.test Timeout, closing connection\r\n");
        Smtp t = new Smtp(protocol);
        t.conn.shutdown();
        assertThat(t.conn.takeOutput()).isEqualTo("421 4.3.2 mx.test Service shutting down, closing connection\r\n");
        assertThat(new String(protocol.busyReply())).startsWith("421 4.7.0 ");
    }

    @Test
    void read_timeouts_switch_between_command_and_data() {
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler)
                .commandTimeout(java.time.Duration.ofMinutes(7)).dataTimeout(java.time.Duration.ofMinutes(2)).build();
        Smtp s = new Smtp(p).login();
        assertThat(s.conn.readTimeout()).hasMinutes(7);
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        s.cmd("DATA");
        assertThat(s.conn.readTimeout()).hasMinutes(2);
        s.send("x\r\n.\r\n");
        assertThat(s.conn.readTimeout()).hasMinutes(7);
    }

    @Test
    void enhanced_status_codes_can_be_turned_off() {
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler).enhancedStatusCodes(false).build();
        Smtp s = new Smtp(p);
        assertThat(s.cmd("NOOP")).isEqualTo("250 OK\r\n");
        assertThat(s.ehlo()).doesNotContain("ENHANCEDSTATUSCODES");
    }

    @Test
    void events_report_commands_and_redact_credentials() {
        Smtp s = new Smtp(protocol).login();
        assertThat(s.conn.recordedEvents()).contains("command EHLO", "command AUTH", "C: AUTH PLAIN <redacted>",
                "auth-ok alice@example.com PLAIN", "S: 235 2.7.0 Authentication successful");
        assertThat(String.join("\n", s.conn.recordedEvents())).doesNotContain(Smtp.plain("alice@example.com", "secret"));
    }

    @Test
    void non_loopback_client_without_tls_gets_no_auth_and_538_for_plain_rfc4954_s6() {
        Smtp s = new Smtp(protocol, MemoryConnection.builder().remote("192.0.2.7"));
        assertThat(s.ehlo()).doesNotContain("AUTH").contains("STARTTLS");
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret"))).startsWith("538 5.7.11 ");
        assertThat(s.cmd("AUTH CRAM-MD5")).startsWith("504 5.5.4 ");
    }
}
