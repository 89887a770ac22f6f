package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CHUNKING / BDAT (RFC 3030). */
class BdatTest {
    final RecordingHandler handler = new RecordingHandler();
    final SubmissionProtocol protocol = SubmissionProtocol.builder(TestUsers.auth(), handler).maxMessageSize(100)
            .addReceived(false).addMissingDate(false).addMissingMessageId(false).build();

    Smtp ready() {
        Smtp s = new Smtp(protocol).login();
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        return s;
    }

    @Test
    void chunks_are_joined_exactly_rfc3030_s2() {
        Smtp s = ready();
        assertThat(s.send("BDAT 12\r\nSubject: x\r\n")).isEqualTo("250 2.0.0 12 octets received\r\n");
        // no dot-stuffing in BDAT: ".\r\n" is content
        assertThat(s.send("BDAT 7 LAST\r\n\r\n.\r\nab")).isEqualTo("250 2.0.0 Message accepted for delivery\r\n");
        assertThat(handler.lastMessage()).isEqualTo("Subject: x\r\n\r\n.\r\nab");
    }

    @Test
    void chunk_split_across_reads_and_octets_counted_not_lines() {
        Smtp s = ready();
        assertThat(s.send("BDAT 10 LAST\r\nabc")).isEmpty();
        assertThat(s.send("de\r\nfg")).isEmpty();
        assertThat(s.send("hNOOP\r\n")).isEqualTo("250 2.0.0 Message accepted for delivery\r\n250 2.0.0 OK\r\n");
        assertThat(handler.lastMessage()).isEqualTo("abcde\r\nfgh");
    }

    @Test
    void bdat_0_last_ends_the_message() {
        Smtp s = ready();
        s.send("BDAT 3\r\nab\n");
        assertThat(s.cmd("BDAT 0 LAST")).startsWith("550 5.6.0 "); // the bare LF of the first chunk
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        s.send("BDAT 4\r\nab\r\n");
        assertThat(s.cmd("BDAT 0 LAST")).startsWith("250 2.0.0 Message accepted");
        assertThat(handler.lastMessage()).isEqualTo("ab\r\n");
    }

    @Test
    void empty_message_by_single_bdat_0_last() {
        Smtp s = ready();
        assertThat(s.cmd("BDAT 0 LAST")).startsWith("250 ");
        assertThat(handler.messages.get(0)).isEmpty();
    }

    @Test
    void bdat_without_transaction_consumes_chunk_and_answers_503() {
        Smtp s = new Smtp(protocol).login();
        assertThat(s.send("BDAT 6\r\nNOOP\r\n")).isEqualTo("503 5.5.1 Need MAIL command\r\n");
        s.cmd("MAIL FROM:<alice@example.com>");
        assertThat(s.send("BDAT 6 LAST\r\nNOOP\r\n")).isEqualTo("554 5.5.1 No valid recipients\r\n");
        assertThat(s.cmd("NOOP")).startsWith("250 ");
        assertThat(handler.messages).isEmpty();
    }

    @Test
    void oversized_chunk_is_consumed_then_552_and_later_chunks_503_until_rset() {
        Smtp s = ready();
        assertThat(s.send("BDAT 150\r\n" + "z".repeat(150))).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size\r\n");
        assertThat(s.send("BDAT 4 LAST\r\nNOOP")).startsWith("503 5.5.1 ");
        assertThat(s.cmd("RSET")).startsWith("250 ");
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        assertThat(s.send("BDAT 2 LAST\r\nok")).startsWith("250 ");
        assertThat(handler.lastMessage()).isEqualTo("ok");
    }

    @Test
    void rset_mid_transfer_discards_the_chunks_rfc3030_s3() {
        Smtp s = ready();
        s.send("BDAT 5\r\nfirst");
        assertThat(s.cmd("RSET")).startsWith("250 2.0.0 ");
        assertThat(s.send("BDAT 5 LAST\r\nhello")).startsWith("503 5.5.1 ");
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        s.send("BDAT 6 LAST\r\nsecond");
        assertThat(handler.lastMessage()).isEqualTo("second");
        assertThat(handler.calls()).containsSubsequence("reset", "mailFrom alice@example.com");
    }

    @Test
    void data_after_bdat_and_rcpt_during_bdat_are_503() {
        Smtp s = ready();
        s.send("BDAT 2\r\nab");
        assertThat(s.cmd("DATA")).startsWith("503 5.5.1 ");
        assertThat(s.cmd("RCPT TO:<c@example.com>")).startsWith("503 5.5.1 ");
        assertThat(s.send("BDAT 2 LAST\r\ncd")).startsWith("250 ");
        assertThat(handler.lastMessage()).isEqualTo("abcd");
    }

    @Test
    void bad_bdat_syntax_is_501() {
        Smtp s = ready();
        assertThat(s.cmd("BDAT")).startsWith("501 5.5.4 ");
        assertThat(s.cmd("BDAT x")).startsWith("501 5.5.4 ");
        assertThat(s.cmd("BDAT -1")).startsWith("501 5.5.4 ");
        assertThat(s.cmd("BDAT 1 FIRST")).startsWith("501 5.5.4 ");
    }

    @Test
    void bdat_is_502_when_chunking_is_off() {
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler).chunking(false).build();
        Smtp s = new Smtp(p).login();
        assertThat(s.cmd("BDAT 0 LAST")).startsWith("502 5.5.1 ");
    }

    @Test
    void pipelined_bdat_chunks_each_get_a_flushed_reply() {
        Smtp s = ready();
        int before = s.conn.flushCount();
        assertThat(s.send("BDAT 2\r\nabBDAT 2\r\ncdBDAT 1 LAST\r\ne"))
                .isEqualTo("250 2.0.0 2 octets received\r\n250 2.0.0 2 octets received\r\n250 2.0.0 Message accepted for delivery\r\n");
        assertThat(s.conn.flushCount() - before).isEqualTo(3);
        assertThat(handler.lastMessage()).isEqualTo("abcde");
    }
}
