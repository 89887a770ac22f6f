package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DATA (RFC 5321 §4.1.1.4, §4.5.2), added header fields (RFC 6409 §8, RFC 5321 §4.4), failures. */
class DataTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC);
    final RecordingHandler handler = new RecordingHandler();

    SubmissionProtocol.Builder builder() {
        return SubmissionProtocol.builder(TestUsers.auth(), handler).hostname("mx.test").clock(CLOCK);
    }

    SubmissionProtocol plain() {
        return builder().addReceived(false).addMissingDate(false).addMissingMessageId(false).build();
    }

    Smtp ready(SubmissionProtocol p) {
        Smtp s = new Smtp(p).login();
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("250 ");
        assertThat(s.cmd("RCPT TO:<bob@example.com>")).startsWith("250 ");
        assertThat(s.cmd("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
        return s;
    }

    @Test
    void message_reaches_handler_byte_exact_and_dot_unstuffed_rfc5321_s4_5_2() {
        Smtp s = ready(plain());
        String reply = s.send("Subject: t\r\n\r\n..leading dot\r\n..\r\n...\r\nend.\r\n.\r\n");
        assertThat(reply).isEqualTo("250 2.0.0 Message accepted for delivery\r\n");
        assertThat(handler.lastMessage()).isEqualTo("Subject: t\r\n\r\n.leading dot\r\n.\r\n..\r\nend.\r\n");
        assertThat(handler.calls()).containsExactly("open", "mailFrom alice@example.com", "rcptTo bob@example.com", "data", "reset");
    }

    @Test
    void empty_message_and_end_split_across_reads() {
        Smtp s = ready(plain());
        assertThat(s.send(".")).isEmpty();
        assertThat(s.send("\r")).isEmpty();
        assertThat(s.send("\n")).startsWith("250 ");
        assertThat(handler.lastMessage()).isEmpty();
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        s.cmd("DATA");
        for (char c : "line\r\n..x\r\n.\r\n".toCharArray()) s.send(String.valueOf(c));
        assertThat(handler.lastMessage()).isEqualTo("line\r\n.x\r\n");
    }

    @Test
    void eight_bit_content_is_kept_exactly_rfc6152() {
        Smtp s = ready(plain());
        byte[] body = "Subject: \u00fcber\r\n\r\nGr\u00fc\u00dfe \u2603\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s.send(body);
        assertThat(s.send(".\r\n")).startsWith("250 ");
        assertThat(handler.messages.get(0)).isEqualTo(body);
    }

    @Test
    void received_date_and_message_id_are_added_rfc6409_s8_rfc3848() {
        Smtp s = ready(builder().build());
        s.send("Subject: x\r\n\r\nbody\r\n.\r\n");
        String m = handler.lastMessage();
        assertThat(m).startsWith("Received: from client.example ([127.0.0.1])\r\n\tby mx.test (Letterbox)\r\n\twith ESMTPA id ")
                .contains("\r\n\tfor <bob@example.com>;\r\n\tFri, 1 Mar 2024 12:00:00 +0000\r\n")
                .contains("Date: Fri, 1 Mar 2024 12:00:00 +0000\r\n")
                .containsPattern("Message-ID: <[0-9a-f-]{36}@mx\\.test>\r\n")
                .endsWith("Subject: x\r\n\r\nbody\r\n");
    }

    @Test
    void received_over_tls_names_cipher_and_esmtpsa() {
        Smtp s = new Smtp(builder().build(), MemoryConnection.builder().implicitTls(true)).login();
        s.submit("alice@example.com", "bob@example.com", "Date: x\r\nMessage-ID: <a@b>\r\n\r\nhi");
        assertThat(handler.lastMessage()).contains("(using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256)", "with ESMTPSA id ")
                .doesNotContain("Date: Fri").containsOnlyOnce("Message-ID:");
    }

    @Test
    void existing_date_and_message_id_are_kept_case_insensitively() {
        Smtp s = ready(builder().addReceived(false).build());
        s.send("DATE: Thu, 29 Feb 2024 10:00:00 +0000\r\nmessage-id: <x@y>\r\n\r\nDate: in body\r\n.\r\n");
        assertThat(handler.lastMessage()).isEqualTo("DATE: Thu, 29 Feb 2024 10:00:00 +0000\r\nmessage-id: <x@y>\r\n\r\nDate: in body\r\n");
    }

    @Test
    void date_in_body_only_does_not_count() {
        Smtp s = ready(builder().addReceived(false).addMissingMessageId(false).build());
        s.send("Subject: a\r\n\r\nDate: in body\r\n.\r\n");
        assertThat(handler.lastMessage()).startsWith("Date: Fri, 1 Mar 2024 12:00:00 +0000\r\nSubject: a\r\n");
    }

    @Test
    void smtputf8_transaction_is_traced_as_utf8smtpa_rfc6531_s3_7_3() {
        Smtp s = new Smtp(builder().senderPolicy(SenderPolicy.any()).build()).login();
        s.cmd("MAIL FROM:<jörg@example.com> SMTPUTF8");
        s.cmd("RCPT TO:<bob@example.com>");
        s.cmd("DATA");
        assertThat(s.send("Subject: Grüße\r\n\r\nx\r\n.\r\n")).startsWith("250 ");
        assertThat(handler.lastMessage()).contains("with UTF8SMTPA id ").endsWith("Subject: Grüße\r\n\r\nx\r\n");
    }

    @Test
    void oversized_data_is_read_to_the_end_then_552_5_3_4_rfc1870_s6() {
        Smtp s = ready(builder().maxMessageSize(100).build());
        assertThat(s.send("x".repeat(90) + "\r\n")).isEmpty();
        assertThat(s.send("y".repeat(50) + "\r\n")).isEmpty();
        assertThat(s.send("MAIL FROM:<evil@example.com>\r\n.\r\n"))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size\r\n");
        assertThat(handler.messages).isEmpty();
        assertThat(handler.calls()).contains("reset").doesNotContain("data");
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("250 "); // transaction was cleared
    }

    @Test
    void message_exactly_at_limit_is_accepted() {
        Smtp s = ready(plain());
        SubmissionProtocol p = builder().maxMessageSize(12).addReceived(false).addMissingDate(false).addMissingMessageId(false).build();
        Smtp t = ready(p);
        assertThat(t.send("0123456789\r\n.\r\n")).startsWith("250 ");
        Smtp u = ready(p);
        assertThat(u.send("01234567890\r\n.\r\n")).startsWith("552 ");
        s.conn.disconnect();
    }

    @Test
    void store_failures_map_to_smtp_codes_without_leaking_text() {
        handler.dataFailure = new StoreException.OverQuota("user quota 10MB at /var/secret");
        Smtp s = ready(plain());
        assertThat(s.send("x\r\n.\r\n")).isEqualTo("552 5.2.2 Mailbox full\r\n");
        handler.dataFailure = new IllegalStateException("NPE in /opt/secret");
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        s.cmd("DATA");
        assertThat(s.send("x\r\n.\r\n")).isEqualTo("451 4.3.0 Local error in processing\r\n");
        handler.dataFailure = new SmtpException(554, "5.7.1", "Message refused by policy");
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        s.cmd("DATA");
        assertThat(s.send("x\r\n.\r\n")).isEqualTo("554 5.7.1 Message refused by policy\r\n");
        assertThat(s.cmd("NOOP")).startsWith("250 ");
    }

    @Test
    void data_with_argument_is_501() {
        Smtp s = new Smtp(plain()).login();
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        assertThat(s.cmd("DATA now")).startsWith("501 5.5.4 ");
    }

    @Test
    void handler_is_reset_on_rset_and_closed_on_ehlo_and_disconnect() {
        Smtp s = new Smtp(plain()).login();
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RSET");
        s.cmd("MAIL FROM:<alice@example.com>");
        s.ehlo();
        s.cmd("MAIL FROM:<alice@example.com>");
        s.conn.disconnect();
        assertThat(handler.calls()).containsExactly("open", "mailFrom alice@example.com", "reset", "mailFrom alice@example.com",
                "reset", "close", "open", "mailFrom alice@example.com", "reset", "close");
    }

    // ---- SMTP smuggling: only <CRLF>.<CRLF> ends DATA (RFC 5321 §4.1.1.4, §2.3.8) ----

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\r.\r", "\r\n.\n", "\n.\r\n", "\r.\r\n", "\r\n.\r"})
    void smuggled_end_of_data_is_content_and_message_is_rejected_by_default(String fakeEnd) {
        Smtp s = ready(plain());
        String smuggled = "Subject: hi\r\n\r\nbody" + fakeEnd + "MAIL FROM:<ceo@example.com>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n";
        assertThat(s.send(smuggled)).isEmpty(); // no reply: still inside DATA
        assertThat(s.send("evil\r\n.\r\n")).isEqualTo("550 5.6.0 Message contains bare CR or LF characters; use CRLF line endings\r\n");
        assertThat(handler.messages).isEmpty();
        assertThat(handler.mails).hasSize(1); // the smuggled MAIL was never a command
        assertThat(handler.rcpts).extracting(RcptTo::address).containsExactly("bob@example.com");
        assertThat(s.cmd("NOOP")).startsWith("250 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\r.\r", "\r\n.\n", "\n.\r\n"})
    void smuggled_end_of_data_is_normalized_into_the_one_message(String fakeEnd) {
        Smtp s = ready(builder().lineEndings(LineEndingPolicy.NORMALIZE).addReceived(false).addMissingDate(false)
                .addMissingMessageId(false).build());
        s.send("a" + fakeEnd + "MAIL FROM:<ceo@example.com>\r\n.\r\n");
        assertThat(handler.messages).hasSize(1);
        String m = handler.lastMessage();
        assertThat(m).endsWith("MAIL FROM:<ceo@example.com>\r\n").doesNotContain("\r\r").doesNotContainPattern("[^\r]\n|\r[^\n]");
        assertThat(handler.mails).hasSize(1);
    }

    @Test
    void normalize_turns_each_bare_ending_into_crlf() {
        Smtp s = ready(builder().lineEndings(LineEndingPolicy.NORMALIZE).addReceived(false).addMissingDate(false)
                .addMissingMessageId(false).build());
        s.send("a\nb\rc\r\rd\r\n.\r\n");
        assertThat(handler.lastMessage()).isEqualTo("a\r\nb\r\nc\r\n\r\nd\r\n");
    }

    @Test
    void bytes_after_data_end_in_same_read_are_commands() {
        Smtp s = ready(plain());
        assertThat(s.send("x\r\n.\r\nNOOP\r\n")).isEqualTo("250 2.0.0 Message accepted for delivery\r\n250 2.0.0 OK\r\n");
    }
}
