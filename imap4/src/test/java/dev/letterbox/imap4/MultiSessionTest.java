package dev.letterbox.imap4;

import static dev.letterbox.imap4.ImapHarness.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import org.junit.jupiter.api.Test;

/**
 * Several sessions interleaved step by step on one store: what each client is told, and when
 * (RFC 9051 §7.5.1, RFC 3501 §7.4.1, RFC 2180, RFC 2177).
 */
class MultiSessionTest {
    final ImapHarness h = new ImapHarness(b -> b.recent(false));

    ImapHarness.Client selected(String mailbox) {
        var c = h.alice();
        c.ok("s SELECT " + mailbox);
        return c;
    }

    @Test
    void flag_changes_by_one_session_reach_the_other_at_its_next_command() {
        h.deliver("alice", msg("one"));
        var a = selected("INBOX");
        var b = selected("INBOX");
        assertThat(a.send("a STORE 1 +FLAGS (\\Flagged)")).isEqualTo("* 1 FETCH (FLAGS (\\Flagged))\r\na OK Store completed\r\n");
        assertThat(b.send("b NOOP")).isEqualTo("* 1 FETCH (FLAGS (\\Flagged) UID 1)\r\nb OK NOOP completed\r\n");
        assertThat(b.send("c NOOP")).isEqualTo("c OK NOOP completed\r\n");
        // reported once to the changer as well: its own change is not echoed
        assertThat(a.send("d NOOP")).isEqualTo("d OK NOOP completed\r\n");
    }

    @Test
    void own_store_after_a_foreign_flag_change_never_leaves_stale_flags_at_the_client() {
        h.deliver("alice", msg("one"));
        var a = selected("INBOX");
        var b = selected("INBOX");
        b.ok("b STORE 1 +FLAGS (\\Flagged)");
        // a has the foreign change pending; its own STORE reports the current flags once
        assertThat(a.send("a STORE 1 +FLAGS (\\Seen)")).isEqualTo("* 1 FETCH (FLAGS (\\Flagged \\Seen))\r\na OK Store completed\r\n");
        assertThat(a.send("n NOOP")).isEqualTo("n OK NOOP completed\r\n");
    }

    @Test
    void expunge_by_another_session_is_withheld_during_fetch_store_search_but_sent_after_uid_forms() {
        for (int i = 1; i <= 3; i++) h.deliver("alice", msg("m" + i));
        var a = selected("INBOX");
        var b = selected("INBOX");
        a.ok("a STORE 2 +FLAGS.SILENT (\\Deleted)");
        a.ok("b EXPUNGE");
        String fetch = b.send("c FETCH 1:3 (UID)");
        assertThat(fetch).doesNotContain("EXPUNGE\r\n").contains("* 1 FETCH (UID 1)", "* 3 FETCH (UID 3)")
                .endsWith("c NO [EXPUNGEISSUED] Some of the requested messages no longer exist\r\n");
        assertThat(b.send("d STORE 3 +FLAGS (\\Seen)")).doesNotContain("EXPUNGE\r\n");
        assertThat(b.send("e SEARCH ALL")).startsWith("* SEARCH 1 3\r\n").doesNotContain("EXPUNGE\r\n");
        assertThat(b.send("f UID FETCH 1 (UID)")).isEqualTo("* 1 FETCH (UID 1)\r\n* 2 EXPUNGE\r\nf OK Fetch completed\r\n");
        assertThat(b.send("g FETCH 2 (UID)")).isEqualTo("* 2 FETCH (UID 3)\r\ng OK Fetch completed\r\n");
    }

    @Test
    void two_sessions_expunging_the_same_messages_each_report_them_once() {
        for (int i = 1; i <= 3; i++) h.deliver("alice", msg("m" + i));
        var a = selected("INBOX");
        var b = selected("INBOX");
        a.ok("a STORE 1:2 +FLAGS.SILENT (\\Deleted)");
        b.send("x NOOP");
        assertThat(a.send("b EXPUNGE")).isEqualTo("* 2 EXPUNGE\r\n* 1 EXPUNGE\r\nb OK Expunge completed\r\n");
        assertThat(b.send("c EXPUNGE")).isEqualTo("* 2 EXPUNGE\r\n* 1 EXPUNGE\r\nc OK Expunge completed\r\n");
        assertThat(a.send("d NOOP")).isEqualTo("d OK NOOP completed\r\n");
        assertThat(b.send("e NOOP")).isEqualTo("e OK NOOP completed\r\n");
    }

    @Test
    void append_while_the_other_is_selected_shows_up_as_exists() {
        var a = h.alice();
        var b = selected("INBOX");
        assertThat(a.send("a APPEND INBOX {3+}\r\nabc")).startsWith("a OK [APPENDUID");
        assertThat(b.send("b NOOP")).isEqualTo("* 1 EXISTS\r\nb OK NOOP completed\r\n");
        // the appending session did not have INBOX selected: nothing for it
        assertThat(a.send("c NOOP")).isEqualTo("c OK NOOP completed\r\n");
    }

    @Test
    void append_to_the_own_selected_mailbox_reports_exists_before_the_tagged_ok() {
        var a = selected("INBOX");
        assertThat(a.send("a APPEND INBOX {3+}\r\nabc")).matches("\\* 1 EXISTS\r\na OK \\[APPENDUID \\d+ 1\\] Append completed\r\n");
    }

    @Test
    void move_to_the_mailbox_the_other_has_selected() {
        h.deliver("alice", msg("m1"));
        var a = selected("INBOX");
        var b = selected("Archive");
        assertThat(a.send("a MOVE 1 Archive")).contains("* 1 EXPUNGE\r\n").endsWith("a OK Move completed\r\n");
        assertThat(b.send("b NOOP")).isEqualTo("* 1 EXISTS\r\nb OK NOOP completed\r\n");
        assertThat(b.send("c UID SEARCH ALL")).startsWith("* SEARCH 1\r\n");
    }

    @Test
    void idle_pushes_exists_expunge_and_flags_from_other_sessions_and_host_deliveries() {
        h.deliver("alice", msg("m1"));
        h.deliver("alice", msg("m2"));
        var idler = selected("INBOX");
        var writer = selected("INBOX");
        assertThat(idler.send("i IDLE")).isEqualTo("+ idling\r\n");
        h.deliver("alice", msg("m3"));
        assertThat(idler.conn.takeOutput()).isEqualTo("* 3 EXISTS\r\n");
        writer.send("w1 NOOP");
        writer.ok("w2 STORE 1 +FLAGS (\\Answered)");
        assertThat(idler.conn.takeOutput()).isEqualTo("* 1 FETCH (FLAGS (\\Answered) UID 1)\r\n");
        writer.ok("w3 STORE 2 +FLAGS.SILENT (\\Deleted)");
        idler.conn.takeOutput();
        writer.ok("w4 EXPUNGE");
        assertThat(idler.conn.takeOutput()).isEqualTo("* 2 EXPUNGE\r\n");
        assertThat(idler.send("DONE")).isEqualTo("i OK IDLE terminated\r\n");
        assertThat(idler.send("n NOOP")).isEqualTo("n OK NOOP completed\r\n");
    }

    @Test
    void changes_between_the_last_command_and_idle_are_sent_right_after_the_continuation() {
        var idler = selected("INBOX");
        h.deliver("alice", msg("early"));
        assertThat(idler.send("i IDLE")).isEqualTo("+ idling\r\n* 1 EXISTS\r\n");
        assertThat(idler.send("DONE")).isEqualTo("i OK IDLE terminated\r\n");
    }

    @Test
    void three_idlers_and_one_writer() {
        var idlers = new ImapHarness.Client[] {selected("INBOX"), selected("INBOX"), selected("INBOX")};
        for (var i : idlers) assertThat(i.send("i IDLE")).isEqualTo("+ idling\r\n");
        var writer = h.alice();
        writer.ok("a APPEND INBOX {3+}\r\nabc");
        writer.ok("b APPEND INBOX {3+}\r\ndef");
        for (var i : idlers) {
            assertThat(i.conn.takeOutput()).isEqualTo("* 1 EXISTS\r\n* 2 EXISTS\r\n");
            assertThat(i.send("DONE")).isEqualTo("i OK IDLE terminated\r\n");
        }
    }

    @Test
    void idle_push_runs_on_the_connection_executor_under_the_write_lock() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        var idler = h.connect(MemoryConnection.builder().executor(queued::add));
        idler.greeting();
        idler.ok("l LOGIN alice secret");
        idler.ok("s SELECT INBOX");
        idler.send("i IDLE");
        h.deliver("alice", msg("a"));
        h.deliver("alice", msg("b"));
        assertThat(queued).hasSize(1); // level-triggered: one pending pump for two changes
        assertThat(idler.conn.takeOutput()).isEmpty();
        queued.remove(0).run();
        assertThat(idler.conn.takeOutput()).isEqualTo("* 2 EXISTS\r\n");
    }

    @Test
    void mailbox_deleted_under_a_selected_session_ends_it_with_bye() {
        var a = h.alice();
        a.ok("c CREATE Temp");
        var b = selected("Temp");
        a.ok("d DELETE Temp");
        assertThat(b.send("n NOOP")).isEqualTo("* BYE The selected mailbox was deleted\r\n");
        assertThat(b.conn.isOpen()).isFalse();
    }

    @Test
    void mailbox_deleted_while_idling_pushes_bye_and_closes() {
        var a = h.alice();
        a.ok("c CREATE Temp");
        var idler = selected("Temp");
        assertThat(idler.send("i IDLE")).isEqualTo("+ idling\r\n");
        a.ok("d DELETE Temp");
        assertThat(idler.conn.takeOutput()).isEqualTo("* BYE The selected mailbox was deleted\r\n");
        assertThat(idler.conn.isOpen()).isFalse();
    }

    @Test
    void store_polling_finds_changes_made_behind_the_librarys_back() {
        var h = new ImapHarness(b -> b.recent(false).storePolling(java.time.Duration.ofMinutes(5)));
        h.deliver("alice", msg("m1"));
        h.deliver("alice", msg("m2"));
        var a = h.alice();
        a.ok("s SELECT INBOX");
        // the host changes the raw store directly: no event reaches the hub
        var raw = h.store.open("alice").open(dev.letterbox.core.store.MailboxPath.INBOX);
        raw.updateFlags(dev.letterbox.core.store.UidSet.of(2), dev.letterbox.core.store.FlagOp.ADD,
                java.util.Set.of(dev.letterbox.core.store.Flag.FLAGGED));
        raw.delete(dev.letterbox.core.store.UidSet.of(1));
        raw.append(dev.letterbox.core.store.MessageSource.ofBytes("Subject: x\r\n\r\ny\r\n".getBytes()),
                java.util.Set.of(), java.time.Instant.now());
        assertThat(a.send("n NOOP")).isEqualTo("* 1 EXPUNGE\r\n* 1 FETCH (FLAGS (\\Flagged) UID 2)\r\n* 2 EXISTS\r\nn OK NOOP completed\r\n");
        assertThat(a.send("o NOOP")).isEqualTo("o OK NOOP completed\r\n");
    }

    @Test
    void rev1_recent_goes_to_the_first_session_only() {
        var h = new ImapHarness();
        h.deliver("alice", msg("m1"));
        var a = h.alice();
        a.ok("s SELECT INBOX");
        var b = h.alice();
        String sel = b.ok("s SELECT INBOX");
        assertThat(sel).contains("* 0 RECENT");
        assertThat(a.send("f FETCH 1 FLAGS")).contains("\\Recent");
        assertThat(b.send("f FETCH 1 FLAGS")).doesNotContain("\\Recent");
    }
}
