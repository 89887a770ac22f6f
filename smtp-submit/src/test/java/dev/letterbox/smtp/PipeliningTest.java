package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 2920: replies to a pipelined group are written together, flushed at the group's end. */
class PipeliningTest {
    final RecordingHandler handler = new RecordingHandler();
    final SubmissionProtocol protocol = SubmissionProtocol.builder(TestUsers.auth(), handler).build();

    @Test
    void mail_rcpt_rcpt_data_get_one_flush_rfc2920_s3_1() {
        Smtp s = new Smtp(protocol).login();
        int before = s.conn.flushCount();
        String r = s.send("MAIL FROM:<alice@example.com>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        assertThat(r).isEqualTo("250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n250 2.1.5 Recipient OK\r\n"
                + "354 End data with <CR><LF>.<CR><LF>\r\n");
        assertThat(s.conn.flushCount() - before).isEqualTo(1);
    }

    @Test
    void whole_transaction_with_quit_in_one_read_flushes_at_data_and_quit() {
        Smtp s = new Smtp(protocol).login();
        int before = s.conn.flushCount();
        String r = s.send("MAIL FROM:<alice@example.com>\r\nRCPT TO:<a@example.com>\r\nDATA\r\nhello\r\n.\r\nQUIT\r\n");
        assertThat(r).endsWith("250 2.0.0 Message accepted for delivery\r\n221 2.0.0 localhost closing connection\r\n");
        assertThat(s.conn.flushCount() - before).isEqualTo(2);
        assertThat(s.conn.isOpen()).isFalse();
    }

    @Test
    void group_without_sync_point_is_flushed_once_at_end_of_input() {
        Smtp s = new Smtp(protocol).login();
        int before = s.conn.flushCount();
        s.send("RSET\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<a@example.com>\r\n");
        assertThat(s.conn.flushCount() - before).isEqualTo(1);
    }

    @Test
    void failed_rcpt_in_group_then_data_gets_554() {
        handler.reject = java.util.Set.of("x@example.com");
        Smtp s = new Smtp(protocol).login();
        String r = s.send("MAIL FROM:<alice@example.com>\r\nRCPT TO:<x@example.com>\r\nDATA\r\n");
        assertThat(r).isEqualTo("250 2.1.0 Sender OK\r\n550 5.1.1 No such user here\r\n554 5.5.1 No valid recipients\r\n");
    }

    @Test
    void each_sync_command_ends_a_group() {
        Smtp s = new Smtp(protocol);
        int before = s.conn.flushCount();
        s.send("NOOP\r\nNOOP\r\nEHLO x\r\nRSET\r\n");
        assertThat(s.conn.flushCount() - before).isEqualTo(4);
    }

    @Test
    void partial_command_waits_without_reply() {
        Smtp s = new Smtp(protocol);
        int before = s.conn.flushCount();
        assertThat(s.send("NO")).isEmpty();
        assertThat(s.conn.flushCount()).isEqualTo(before);
        assertThat(s.send("OP\r\n")).startsWith("250");
    }

    @Test
    void without_pipelining_every_reply_is_flushed() {
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler).pipelining(false).build();
        Smtp s = new Smtp(p).login();
        int before = s.conn.flushCount();
        s.send("RSET\r\nRSET\r\n");
        assertThat(s.conn.flushCount() - before).isEqualTo(2);
    }
}
