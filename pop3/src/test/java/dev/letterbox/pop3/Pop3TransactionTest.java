package dev.letterbox.pop3;

import static dev.letterbox.pop3.Pop3Fixture.cmd;
import static dev.letterbox.pop3.Pop3Fixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.event.Origin;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pop3TransactionTest {
    private final Pop3Fixture f = new Pop3Fixture();
    private final List<MessageMeta> delivered = new ArrayList<>();

    private MemoryConnection withMessages(int n) {
        for (int i = 1; i <= n; i++) delivered.add(f.deliver("alice", message(i)));
        return f.login("alice");
    }

    private static int len(int i) {
        return message(i).length();
    }

    @Test
    void stat_counts_messages_and_octets_rfc1939_s5() {
        MemoryConnection c = withMessages(2);
        assertThat(cmd(c, "STAT")).isEqualTo("+OK 2 " + (len(1) + len(2)) + "\r\n");
    }

    @Test
    void list_scan_listing_and_single_message_rfc1939_s5() {
        MemoryConnection c = withMessages(2);
        assertThat(cmd(c, "LIST")).isEqualTo("+OK 2 messages (" + (len(1) + len(2)) + " octets)\r\n"
                + "1 " + len(1) + "\r\n2 " + len(2) + "\r\n.\r\n");
        assertThat(cmd(c, "LIST 2")).isEqualTo("+OK 2 " + len(2) + "\r\n");
        assertThat(cmd(c, "LIST 3")).isEqualTo("-ERR No such message, only 2 messages in maildrop\r\n");
        assertThat(cmd(c, "LIST 0")).isEqualTo("-ERR No such message, only 2 messages in maildrop\r\n");
        assertThat(cmd(c, "LIST x")).isEqualTo("-ERR Invalid message number\r\n");
        assertThat(cmd(c, "LIST 1 2")).isEqualTo("-ERR Invalid message number\r\n");
        assertThat(cmd(c, "LIST 99999999999")).isEqualTo("-ERR Invalid message number\r\n");
    }

    @Test
    void retr_sends_the_message_dot_stuffed_and_terminated_rfc1939_s5() {
        f.deliver("alice", "Subject: dots\r\n\r\n.hidden\r\n..two\r\nend\r\n");
        MemoryConnection c = f.login("alice");
        String body = "Subject: dots\r\n\r\n.hidden\r\n..two\r\nend\r\n";
        assertThat(cmd(c, "RETR 1")).isEqualTo("+OK " + body.length() + " octets\r\n"
                + "Subject: dots\r\n\r\n..hidden\r\n...two\r\nend\r\n.\r\n");
    }

    @Test
    void stored_bare_lf_message_is_served_as_crlf_with_the_crlf_size() {
        f.deliver("alice", "Subject: lf\n\nline1\n.line2\n");
        MemoryConnection c = f.login("alice");
        String crlf = "Subject: lf\r\n\r\nline1\r\n.line2\r\n";
        assertThat(cmd(c, "LIST 1")).isEqualTo("+OK 1 " + crlf.length() + "\r\n");
        assertThat(cmd(c, "STAT")).isEqualTo("+OK 1 " + crlf.length() + "\r\n");
        assertThat(cmd(c, "RETR 1")).isEqualTo("+OK " + crlf.length() + " octets\r\n"
                + "Subject: lf\r\n\r\nline1\r\n..line2\r\n.\r\n");
    }

    @Test
    void top_sends_header_blank_line_and_n_body_lines_rfc1939_s7() {
        f.deliver("alice", "A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\nl3\r\n");
        MemoryConnection c = f.login("alice");
        assertThat(cmd(c, "TOP 1 0")).isEqualTo("+OK Top of message follows\r\nA: 1\r\nB: 2\r\n\r\n.\r\n");
        assertThat(cmd(c, "TOP 1 2")).isEqualTo("+OK Top of message follows\r\nA: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\n.\r\n");
        assertThat(cmd(c, "TOP 1 99999999999999")).endsWith("l3\r\n.\r\n");
        assertThat(cmd(c, "TOP 1")).startsWith("-ERR TOP requires a message number and a non-negative line count");
        assertThat(cmd(c, "TOP 1 -1")).startsWith("-ERR TOP requires");
        assertThat(cmd(c, "TOP 2 1")).startsWith("-ERR No such message");
    }

    @Test
    void dele_marks_and_hides_the_message_rset_unmarks_rfc1939_s5() {
        MemoryConnection c = withMessages(3);
        assertThat(cmd(c, "DELE 2")).isEqualTo("+OK Message 2 deleted\r\n");
        assertThat(cmd(c, "DELE 2")).isEqualTo("-ERR Message 2 already deleted\r\n");
        assertThat(cmd(c, "RETR 2")).isEqualTo("-ERR Message 2 already deleted\r\n");
        assertThat(cmd(c, "LIST 2")).isEqualTo("-ERR Message 2 already deleted\r\n");
        assertThat(cmd(c, "STAT")).isEqualTo("+OK 2 " + (len(1) + len(3)) + "\r\n");
        assertThat(cmd(c, "LIST")).doesNotContain("\r\n2 ").contains("\r\n3 ");
        assertThat(cmd(c, "UIDL")).doesNotContain("\r\n2 ");
        assertThat(cmd(c, "RSET")).isEqualTo("+OK Maildrop has 3 messages (" + (len(1) + len(2) + len(3))
                + " octets)\r\n");
        assertThat(cmd(c, "LIST 2")).isEqualTo("+OK 2 " + len(2) + "\r\n");
    }

    @Test
    void noop_answers_ok() {
        MemoryConnection c = withMessages(0);
        assertThat(cmd(c, "NOOP")).isEqualTo("+OK\r\n");
        assertThat(cmd(c, "NOOP 1")).isEqualTo("-ERR NOOP takes no arguments\r\n");
    }

    @Test
    void uidl_is_derived_from_uid_validity_and_uid_and_stable_across_sessions_rfc1939_s7() {
        MemoryConnection c = withMessages(2);
        String first = cmd(c, "UIDL");
        assertThat(first).matches("\\+OK .*\r\n1 [0-9a-f]{16}\r\n2 [0-9a-f]{16}\r\n\\.\r\n");
        String uidl2 = cmd(c, "UIDL 2");
        assertThat(first).contains(uidl2.substring(4, uidl2.length() - 2));
        cmd(c, "QUIT");
        // a new message arrives and message 1 goes: message numbers change, UIDLs do not
        f.deliver("alice", message(3));
        try (UserMailboxes u = f.tracked.open("alice", Origin.HOST)) {
            u.open(MailboxPath.INBOX).delete(UidSet.of(delivered.get(0).uid()));
        }
        MemoryConnection again = f.login("alice");
        String second = cmd(again, "UIDL");
        String uidOf2 = uidl2.substring(6, uidl2.length() - 2);
        assertThat(second).contains("\r\n1 " + uidOf2 + "\r\n");
        assertThat(second.split("\r\n")).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void transaction_commands_reject_bad_state_commands_but_never_disconnect_after_login() {
        MemoryConnection c = withMessages(1);
        for (int i = 0; i < 10; i++) assertThat(cmd(c, "USER bob")).startsWith("-ERR USER is not valid in the TRANSACTION state");
        assertThat(cmd(c, "STLS")).startsWith("-ERR STLS is not valid");
        assertThat(cmd(c, "AUTH PLAIN")).startsWith("-ERR AUTH is not valid");
        assertThat(c.isOpen()).isTrue();
        assertThat(cmd(c, "STAT")).startsWith("+OK 1 ");
    }

    @Test
    void the_snapshot_is_fixed_new_arrivals_are_invisible_until_next_login_rfc1939_s4() {
        MemoryConnection c = withMessages(1);
        f.deliver("alice", message(2));
        assertThat(cmd(c, "STAT")).isEqualTo("+OK 1 " + len(1) + "\r\n");
        assertThat(cmd(c, "RETR 2")).startsWith("-ERR No such message");
        cmd(c, "QUIT");
        assertThat(cmd(f.login("alice"), "STAT")).startsWith("+OK 2 ");
    }

    @Test
    void message_expunged_by_imap_during_the_session_gets_err_and_quit_still_succeeds() {
        MemoryConnection c = withMessages(2);
        try (UserMailboxes u = f.tracked.open("alice", new Origin("imap-1"))) {
            u.open(MailboxPath.INBOX).delete(UidSet.of(delivered.get(0).uid()));
        }
        assertThat(cmd(c, "RETR 1")).isEqualTo("-ERR Message was removed by another session\r\n");
        assertThat(cmd(c, "TOP 1 0")).isEqualTo("-ERR Message was removed by another session\r\n");
        assertThat(cmd(c, "RETR 2")).startsWith("+OK ");
        assertThat(cmd(c, "DELE 1")).startsWith("+OK");
        assertThat(cmd(c, "DELE 2")).startsWith("+OK");
        assertThat(cmd(c, "QUIT")).startsWith("+OK Bye");
        assertThat(f.store.open("alice").open(MailboxPath.INBOX).allUids().isEmpty()).isTrue();
    }

    @Test
    void pipelined_commands_are_answered_together_with_one_flush_rfc2449_s6_6() {
        MemoryConnection c = withMessages(3);
        int before = c.flushCount();
        c.send("STAT\r\nRETR 1\r\nRETR 2\r\nRETR 3\r\nUIDL\r\nNOOP\r\n");
        String out = c.takeOutput();
        assertThat(c.flushCount() - before).isEqualTo(1);
        assertThat(out).startsWith("+OK 3 ").contains("body 1", "body 2", "body 3").endsWith(".\r\n+OK\r\n");
    }

    @Test
    void pipelined_commands_split_across_reads_are_reassembled() {
        MemoryConnection c = withMessages(2);
        c.send("STA");
        assertThat(c.takeOutput()).isEmpty();
        c.send("T\r\nLIS");
        assertThat(c.takeOutput()).isEqualTo("+OK 2 " + (len(1) + len(2)) + "\r\n");
        c.send("T 1\r");
        assertThat(c.takeOutput()).isEmpty();
        c.send("\nNOOP\r\n");
        assertThat(c.takeOutput()).isEqualTo("+OK 1 " + len(1) + "\r\n+OK\r\n");
    }

    @Test
    void quit_with_more_pipelined_input_stops_there() {
        MemoryConnection c = withMessages(1);
        c.send("DELE 1\r\nQUIT\r\nNOOP\r\n");
        assertThat(c.takeOutput()).isEqualTo("+OK Message 1 deleted\r\n+OK Bye, 1 messages deleted\r\n");
        assertThat(c.isOpen()).isFalse();
    }

    @Test
    void large_message_is_streamed_intact() {
        StringBuilder sb = new StringBuilder("Subject: big\r\n\r\n");
        for (int i = 0; i < 20_000; i++) sb.append(i % 7 == 0 ? "." : "").append("line ").append(i).append("\r\n");
        f.deliver("alice", sb.toString());
        MemoryConnection c = f.login("alice");
        String out = cmd(c, "RETR 1");
        String expected = sb.toString().replace("\r\n.", "\r\n..");
        assertThat(out).isEqualTo("+OK " + sb.length() + " octets\r\n" + expected + ".\r\n");
    }
}
