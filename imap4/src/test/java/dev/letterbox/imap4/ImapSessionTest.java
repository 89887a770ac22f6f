package dev.letterbox.imap4;

import static dev.letterbox.imap4.ImapHarness.Client.lastLine;
import static dev.letterbox.imap4.ImapHarness.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.MailboxPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Single-session transcripts against the in-memory store. */
class ImapSessionTest {
    final ImapHarness h = new ImapHarness();

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void greeting_carries_capabilities_rfc9051_s7_1() {
        var c = h.connect();
        String g = c.greeting();
        assertThat(g).startsWith("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 STARTTLS AUTH=PLAIN AUTH=LOGIN SASL-IR ");
        assertThat(g).contains(" IDLE ", " UIDPLUS", " MOVE", " LITERAL+", " APPENDLIMIT=", " ESEARCH", " UNSELECT")
                .doesNotContain("LOGINDISABLED");
    }

    @Test
    void capability_after_login_drops_auth_and_starttls_and_is_in_the_tagged_ok() {
        var c = h.connect();
        c.greeting();
        String out = c.ok("a LOGIN alice secret");
        assertThat(out).startsWith("a OK [CAPABILITY IMAP4rev1 IMAP4rev2 ");
        assertThat(out).doesNotContain("AUTH=", "STARTTLS", "SASL-IR");
        String caps = c.ok("b CAPABILITY");
        assertThat(caps).startsWith("* CAPABILITY IMAP4rev1").doesNotContain("AUTH=");
    }

    @Test
    void wrong_password_is_authenticationfailed_rfc5530() {
        var c = h.connect();
        c.greeting();
        assertThat(c.send("a LOGIN alice nope")).isEqualTo("a NO [AUTHENTICATIONFAILED] Authentication failed\r\n");
        assertThat(c.conn.recordedEvents()).contains("C: a LOGIN <redacted>").noneMatch(e -> e.contains("nope"));
    }

    @Test
    void plaintext_login_without_tls_from_remote_is_refused_with_logindisabled_rfc9051_s6_2_3() {
        var c = h.connect(MemoryConnection.builder().remote("192.0.2.7"));
        String g = c.greeting();
        assertThat(g).contains("LOGINDISABLED").doesNotContain("AUTH=PLAIN");
        assertThat(c.send("a LOGIN alice secret")).startsWith("a NO [PRIVACYREQUIRED]");
        assertThat(c.send("b AUTHENTICATE PLAIN")).startsWith("b NO [PRIVACYREQUIRED]");
        // after STARTTLS the capabilities change and LOGIN works
        assertThat(c.send("c STARTTLS")).isEqualTo("c OK Begin TLS negotiation now\r\n");
        String caps = c.send("d CAPABILITY");
        assertThat(caps).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED", "STARTTLS");
        c.ok("e LOGIN alice secret");
    }

    @Test
    void bytes_pipelined_after_starttls_are_never_commands() {
        var c = h.connect();
        c.greeting();
        c.conn.send("a STARTTLS\r\nb LOGIN alice secret\r\n");
        assertThat(c.conn.takeOutput()).isEqualTo("a OK Begin TLS negotiation now\r\n");
        assertThat(c.conn.bytesDiscardedAtStartTls()).isEqualTo("b LOGIN alice secret\r\n".length());
        assertThat(c.send("c NOOP")).isEqualTo("c OK NOOP completed\r\n");
        assertThat(c.send("d STARTTLS")).startsWith("d BAD");
    }

    @Test
    void authenticate_plain_with_sasl_ir_and_without_rfc4959() {
        var c = h.connect();
        c.greeting();
        assertThat(c.send("a AUTHENTICATE PLAIN " + b64("\0alice\0secret"))).startsWith("a OK [CAPABILITY ");
        var d = h.connect();
        d.greeting();
        assertThat(d.send("a AUTHENTICATE PLAIN")).isEqualTo("+ \r\n");
        assertThat(d.send(b64("\0alice\0secret"))).startsWith("a OK [CAPABILITY ");
    }

    @Test
    void authenticate_multi_step_cancel_and_bad_base64() {
        var c = h.connect();
        c.greeting();
        assertThat(c.send("a AUTHENTICATE LOGIN")).isEqualTo("+ " + b64("Username:") + "\r\n");
        assertThat(c.send("*")).isEqualTo("a BAD Authentication cancelled\r\n");
        assertThat(c.send("b AUTHENTICATE LOGIN")).startsWith("+ ");
        assertThat(c.send("!!notbase64")).startsWith("b BAD");
        assertThat(c.send("c AUTHENTICATE LOGIN")).startsWith("+ ");
        assertThat(c.send(b64("bob"))).isEqualTo("+ " + b64("Password:") + "\r\n");
        assertThat(c.send(b64("hunter2"))).startsWith("c OK [CAPABILITY");
        assertThat(c.conn.recordedEvents()).noneMatch(e -> e.contains(b64("hunter2")));
    }

    @Test
    void login_of_a_user_without_mailboxes_is_unavailable_not_an_internal_error() {
        var h2 = new ImapHarness(dev.letterbox.core.store.memory.InMemoryMailStore.builder().autoCreateUsers(false)
                .user("bob").build(), b -> { });
        var c = h2.connect();
        c.greeting();
        assertThat(c.send("a LOGIN alice secret")).startsWith("a NO [UNAVAILABLE]");
        assertThat(c.send("b AUTHENTICATE PLAIN " + b64("\0alice\0secret"))).startsWith("b NO [UNAVAILABLE]");
        c.ok("c LOGIN bob hunter2");
    }

    @Test
    void unknown_mechanism_and_state_errors() {
        var c = h.connect();
        c.greeting();
        assertThat(c.send("a AUTHENTICATE FOO")).startsWith("a NO");
        assertThat(c.send("b SELECT INBOX")).isEqualTo("b BAD Log in first\r\n");
    }

    @Test
    void malformed_commands_get_bad_and_three_in_a_row_before_login_end_the_connection() {
        var c = h.connect();
        c.greeting();
        assertThat(c.send("a FROB")).isEqualTo("a BAD Unknown command FROB\r\n");
        assertThat(c.send("")).isEqualTo("* BAD Missing tag\r\n");
        assertThat(c.send("c LOGIN \"unterminated")).startsWith("c BAD").endsWith("* BYE Too many invalid commands\r\n");
        assertThat(c.conn.isOpen()).isFalse();
    }

    @Test
    void bad_commands_after_login_keep_the_connection_usable() {
        var c = h.alice();
        for (int i = 0; i < 5; i++) assertThat(c.send("x" + i + " FETCH")).startsWith("x" + i + " BAD");
        c.ok("y NOOP");
    }

    @Test
    void pipelined_commands_are_answered_in_order_with_one_flush_per_read() {
        var c = h.alice();
        int before = c.conn.flushCount();
        c.conn.send("a NOOP\r\nb NOOP\r\nc NAMESPACE\r\n");
        assertThat(c.conn.takeOutput()).isEqualTo(
                "a OK NOOP completed\r\nb OK NOOP completed\r\n* NAMESPACE ((\"\" \"/\")) NIL NIL\r\nc OK Namespace completed\r\n");
        assertThat(c.conn.flushCount() - before).isEqualTo(1);
    }

    @Test
    void synchronizing_literal_gets_a_continuation_and_non_synchronizing_does_not_rfc7888() {
        var c = h.connect();
        c.greeting();
        assertThat(c.send("a LOGIN {5}")).isEqualTo("+ Ready for literal data\r\n");
        assertThat(c.send("alice {6+}\r\nsecret")).startsWith("a OK");
    }

    @Test
    void too_large_literal_is_refused_before_the_continuation() {
        var c = h.connect();
        c.greeting();
        assertThat(c.send("a LOGIN {100000}")).isEqualTo("a NO [TOOBIG] Literal too large before authentication\r\n");
        // the limit bounds all literals of a command together, so many small ones cannot pile up
        assertThat(c.send("z LOGIN {5000+}\r\n" + "u".repeat(5000) + " {5000}")).isEqualTo("z NO [TOOBIG] Literal too large before authentication\r\n");
        c.ok("b LOGIN alice secret");
        assertThat(c.send("c APPEND INBOX {999999999}")).isEqualTo("c NO [TOOBIG] Message exceeds APPENDLIMIT\r\n");
        c.ok("d NOOP");
    }

    @Test
    void over_long_line_is_rejected_and_the_session_goes_on() {
        var c = h.alice();
        String out = c.send("a NOOP " + "x".repeat(70_000));
        assertThat(out).isEqualTo("a BAD [LIMIT] Command line too long\r\n");
        c.ok("b NOOP");
    }

    @Test
    void select_reports_the_mailbox_rfc3501_s6_3_1() {
        h.deliver("alice", msg("one"));
        h.deliver("alice", msg("two"));
        var c = h.alice();
        String out = c.ok("s SELECT INBOX");
        assertThat(out).contains("* 2 EXISTS\r\n", "* 2 RECENT\r\n", "* OK [UNSEEN 1]", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)]", "* OK [UIDVALIDITY ",
                "* OK [UIDNEXT 3]").endsWith("s OK [READ-WRITE] SELECT completed\r\n");
        String ex = c.ok("e EXAMINE INBOX");
        assertThat(ex).contains("* OK [PERMANENTFLAGS ()]").endsWith("e OK [READ-ONLY] EXAMINE completed\r\n");
        assertThat(c.send("x SELECT Nope")).startsWith("x NO [NONEXISTENT]");
        assertThat(c.send("y FETCH 1 FLAGS")).isEqualTo("y BAD No mailbox selected\r\n");
    }

    @Test
    void rev2_after_enable_has_no_recent_and_answers_search_with_esearch_rfc9051() {
        h.deliver("alice", msg("one"));
        var c = h.alice();
        assertThat(c.send("e ENABLE IMAP4rev2")).isEqualTo("* ENABLED IMAP4rev2\r\ne OK Enabled\r\n");
        String sel = c.ok("s SELECT INBOX");
        assertThat(sel).doesNotContain("RECENT", "UNSEEN").contains("* LIST () \"/\" INBOX");
        assertThat(c.send("f SEARCH ALL")).isEqualTo("* ESEARCH (TAG \"f\") ALL 1\r\nf OK Search completed\r\n");
    }

    @Test
    void create_list_rename_delete_and_special_use_rfc6154() {
        var c = h.alice();
        c.ok("a CREATE Projects/2024");
        c.ok("b CREATE Outbox (USE (\\Sent))");
        assertThat(c.send("c CREATE Projects")).startsWith("c NO [ALREADYEXISTS]");
        String list = c.ok("d LIST \"\" *");
        assertThat(list).contains("* LIST (\\HasNoChildren) \"/\" INBOX\r\n", "* LIST (\\HasChildren) \"/\" Projects\r\n",
                "* LIST (\\HasNoChildren) \"/\" Projects/2024\r\n", "\\Sent) \"/\" Outbox\r\n");
        String pct = c.ok("e LIST \"\" %");
        assertThat(pct).contains("Projects\r\n").doesNotContain("Projects/2024");
        String ref = c.ok("f LIST Projects/ %");
        assertThat(ref).contains("Projects/2024").doesNotContain("INBOX");
        assertThat(c.send("g LIST \"\" \"\"")).startsWith("* LIST (\\Noselect) \"/\" \"\"\r\n");
        c.ok("h RENAME Projects Work");
        assertThat(c.ok("i LIST \"\" Work/*")).contains("Work/2024");
        c.ok("j DELETE Work/2024");
        assertThat(c.send("k DELETE Nope")).startsWith("k NO [NONEXISTENT]");
        assertThat(c.send("l DELETE INBOX")).startsWith("l NO");
        String su = c.ok("m LIST (SPECIAL-USE) \"\" *");
        assertThat(su).contains("Outbox").doesNotContain("INBOX");
    }

    @Test
    void rename_inbox_moves_its_messages_and_leaves_inbox_empty_rfc3501_s6_3_5() {
        h.deliver("alice", msg("one"));
        h.deliver("alice", msg("two"));
        var c = h.alice();
        c.ok("a RENAME INBOX Old-Inbox");
        assertThat(c.ok("b STATUS INBOX (MESSAGES)")).contains("MESSAGES 0");
        assertThat(c.ok("c STATUS Old-Inbox (MESSAGES)")).contains("MESSAGES 2");
        assertThat(c.send("d RENAME Old-Inbox INBOX")).startsWith("d NO [ALREADYEXISTS]");
    }

    @Test
    void rev2_reselect_reports_closed_rfc9051_s6_3_2() {
        var c = h.alice();
        c.ok("e ENABLE IMAP4rev2");
        c.ok("a SELECT INBOX");
        assertThat(c.ok("b EXAMINE INBOX")).startsWith("* OK [CLOSED] Previous mailbox closed\r\n");
    }

    @Test
    void mailbox_names_in_modified_utf7_rfc3501_s5_1_3() {
        var c = h.alice();
        c.ok("a CREATE Entw&APw-rfe");
        assertThat(c.ok("b LIST \"\" Entw*")).contains("\"/\" Entw&APw-rfe\r\n");
        c.ok("u ENABLE UTF8=ACCEPT");
        assertThat(c.ok("c LIST \"\" Entw*")).contains("\"/\" \"Entwürfe\"\r\n".replace("ü", "\u00c3\u00bc"));
    }

    @Test
    void subscriptions_lsub_and_list_extended_rfc5258() {
        var c = h.alice();
        c.ok("a CREATE Lists/java");
        c.ok("b SUBSCRIBE Lists/java");
        c.ok("c SUBSCRIBE Gone");
        assertThat(c.ok("d LSUB \"\" *")).contains("* LSUB () \"/\" Lists/java", "* LSUB (\\Noselect) \"/\" Gone");
        assertThat(c.ok("d2 LSUB \"\" %")).contains("* LSUB (\\Noselect) \"/\" Lists\r\n").doesNotContain("Lists/java");
        String sub = c.ok("e LIST (SUBSCRIBED) \"\" *");
        assertThat(sub).contains("(\\HasNoChildren \\Subscribed) \"/\" Lists/java", "(\\NonExistent \\Subscribed) \"/\" Gone");
        String rec = c.ok("f LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %");
        assertThat(rec).contains("* LIST (\\HasChildren) \"/\" Lists (\"CHILDINFO\" (\"SUBSCRIBED\"))");
        String ret = c.ok("g LIST \"\" Lists/* RETURN (SUBSCRIBED CHILDREN STATUS (MESSAGES UIDNEXT))");
        assertThat(ret).contains("\\Subscribed) \"/\" Lists/java", "* STATUS Lists/java (MESSAGES 0 UIDNEXT 1)");
        c.ok("h UNSUBSCRIBE Lists/java");
        assertThat(c.ok("i LSUB \"\" *")).doesNotContain("Lists/java");
    }

    @Test
    void status_items_rfc9051_s6_3_11_and_rfc8438() {
        h.deliver("alice", msg("one"));
        var c = h.alice();
        String out = c.ok("a STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE RECENT)");
        assertThat(out).matches("(?s)\\* STATUS INBOX \\(MESSAGES 1 UIDNEXT 2 UIDVALIDITY \\d+ UNSEEN 1 DELETED 0 SIZE \\d+ RECENT 1\\)\r\n.*");
        assertThat(c.send("b STATUS INBOX (FOO)")).startsWith("b BAD");
        assertThat(c.send("c STATUS Nope (MESSAGES)")).startsWith("c NO [NONEXISTENT]");
    }

    @Test
    void append_with_flags_date_appenduid_and_trycreate_rfc4315() {
        var c = h.alice();
        String m = msg("hi");
        assertThat(c.send("a APPEND INBOX (\\Seen $Work) \"01-Jan-2020 00:00:00 +0000\" {" + m.length() + "}"))
                .isEqualTo("+ Ready for literal data\r\n");
        String out = c.send(m);
        assertThat(out).matches("a OK \\[APPENDUID \\d+ 1\\] Append completed\r\n");
        assertThat(c.send("b APPEND Nope {3+}\r\nabc")).isEqualTo("b NO [TRYCREATE] Mailbox does not exist\r\n");
        String multi = c.send("c APPEND INBOX {3+}\r\nabc {3+}\r\ndef");
        assertThat(multi).matches("c OK \\[APPENDUID \\d+ 2:3\\] Append completed\r\n");
        assertThat(c.ok("d STATUS INBOX (MESSAGES UNSEEN)")).contains("(MESSAGES 3 UNSEEN 2)");
    }

    @Test
    void append_utf8_data_item_after_enable_utf8_accept_rfc6855_s4() {
        var c = h.alice();
        assertThat(c.send("a APPEND INBOX UTF8 (~{3+}\r\nabc)")).startsWith("a BAD");
        c.ok("e ENABLE UTF8=ACCEPT");
        String m = "Subject: Grüße\r\n\r\nx\r\n";
        int n = m.getBytes(StandardCharsets.UTF_8).length;
        assertThat(c.send("b APPEND INBOX UTF8 (~{" + n + "+}\r\n" + m + ")")).startsWith("b OK [APPENDUID");
    }

    @Test
    void login_warns_with_alert_when_the_quota_is_nearly_used_rfc9051_s7_1() {
        var store = dev.letterbox.core.store.memory.InMemoryMailStore.builder().user("alice").quota("alice", 1_000_000, 10).build();
        var quota = new ImapHarness(store, b -> { });
        for (int i = 0; i < 9; i++) quota.deliver("alice", msg("m" + i));
        var c = quota.connect();
        c.greeting();
        String out = c.ok("a LOGIN alice secret");
        assertThat(out).startsWith("* OK [ALERT] Your mailbox is 90% full\r\na OK");
        var h2 = new ImapHarness();
        var d = h2.connect();
        d.greeting();
        assertThat(d.ok("a LOGIN alice secret")).doesNotContain("ALERT");
    }

    @Test
    void store_failures_map_to_response_codes_rfc5530() {
        var quota = new ImapHarness(dev.letterbox.core.store.memory.InMemoryMailStore.builder().user("alice")
                .quota("alice", 10_000, 2).build(), b -> { });
        var c = quota.alice();
        c.ok("a APPEND INBOX {3+}\r\nabc");
        c.ok("b APPEND INBOX {3+}\r\ndef");
        assertThat(c.send("c APPEND INBOX {3+}\r\nghi")).isEqualTo("c NO [OVERQUOTA] Quota exceeded\r\n");
        assertThat(c.send("d RENAME Nope Other")).startsWith("d NO [NONEXISTENT]");
        assertThat(c.send("e RENAME Sent Drafts")).startsWith("e NO [ALREADYEXISTS]");
        assertThat(c.send("f CREATE INBOX")).startsWith("f NO [ALREADYEXISTS]");
    }

    @Test
    void append_normalises_bare_lf_to_crlf() {
        var c = h.alice();
        c.send("a APPEND INBOX {12+}\r\nSubject: x\n\n");
        c.ok("s SELECT INBOX");
        assertThat(c.send("f FETCH 1 (RFC822.SIZE)")).startsWith("* 1 FETCH (RFC822.SIZE 14)");
    }

    @Test
    void store_flags_and_silent_rfc9051_s6_4_6() {
        h.deliver("alice", msg("one"));
        h.deliver("alice", msg("two"));
        var c = h.alice();
        c.ok("s SELECT INBOX");
        assertThat(c.send("a STORE 1 +FLAGS (\\Flagged $Todo)"))
                .isEqualTo("* 1 FETCH (FLAGS (\\Flagged $Todo \\Recent))\r\na OK Store completed\r\n");
        assertThat(c.send("b UID STORE 2 FLAGS.SILENT (\\Seen)")).isEqualTo("b OK Store completed\r\n");
        assertThat(c.send("c STORE 1:* -FLAGS (\\Flagged)"))
                .isEqualTo("* 1 FETCH (FLAGS ($Todo \\Recent))\r\n* 2 FETCH (FLAGS (\\Seen \\Recent))\r\nc OK Store completed\r\n");
        assertThat(c.send("d STORE 3 +FLAGS (\\Seen)")).startsWith("d BAD Invalid message sequence number");
        assertThat(c.send("e STORE 1 +FLAGS (\\Bogus)")).startsWith("e BAD");
        c.ok("x EXAMINE INBOX");
        assertThat(c.send("f STORE 1 +FLAGS (\\Seen)")).startsWith("f NO [READ-ONLY]");
    }

    @Test
    void search_keys_esearch_and_searchres_rfc4731_rfc5182() {
        for (int i = 1; i <= 5; i++) h.deliver("alice", msg("m" + i));
        var c = h.alice();
        c.ok("s SELECT INBOX");
        c.ok("a STORE 2,4 +FLAGS (\\Flagged)");
        assertThat(c.send("b SEARCH FLAGGED")).isEqualTo("* SEARCH 2 4\r\nb OK Search completed\r\n");
        assertThat(c.send("c SEARCH OR 1 FLAGGED NOT 4")).startsWith("* SEARCH 1 2\r\n");
        assertThat(c.send("c2 SEARCH NOT (OR 1 FLAGGED)")).startsWith("* SEARCH 3 5\r\n");
        assertThat(c.send("d UID SEARCH UNFLAGGED LARGER 10 (SMALLER 100000 ALL)")).startsWith("* SEARCH 1 3 5\r\n");
        assertThat(c.send("e SEARCH RETURN (MIN MAX COUNT) FLAGGED"))
                .startsWith("* ESEARCH (TAG \"e\") MIN 2 MAX 4 COUNT 2\r\n");
        assertThat(c.send("f SEARCH RETURN () 2:3")).startsWith("* ESEARCH (TAG \"f\") ALL 2:3\r\n");
        assertThat(c.send("g SEARCH RETURN (SAVE) FLAGGED")).isEqualTo("g OK Search completed\r\n");
        assertThat(c.send("h FETCH $ (UID)")).isEqualTo("* 2 FETCH (UID 2)\r\n* 4 FETCH (UID 4)\r\nh OK Fetch completed\r\n");
        assertThat(c.send("i SEARCH CHARSET KOI8-R ALL")).isEqualTo("i NO [BADCHARSET (US-ASCII UTF-8)] Unsupported charset\r\n");
        assertThat(c.send("j SEARCH CHARSET UTF-8 SINCE 1-Jan-2024 BEFORE 1-Jan-2025 YOUNGER 999999999")).startsWith("* SEARCH 1 2 3 4 5");
        assertThat(c.send("k SEARCH FOO")).startsWith("k BAD Unknown search key FOO");
        assertThat(c.send("l SEARCH NEW")).startsWith("* SEARCH 1 2 3 4 5");
        assertThat(c.send("m SEARCH KEYWORD $X")).startsWith("* SEARCH\r\n");
    }

    @Test
    void copy_move_and_expunge_rfc6851_rfc4315() {
        for (int i = 1; i <= 4; i++) h.deliver("alice", msg("m" + i));
        var c = h.alice();
        c.ok("s SELECT INBOX");
        assertThat(c.send("a COPY 1:2 Archive")).matches("a OK \\[COPYUID \\d+ 1:2 1:2\\] Copy completed\r\n");
        assertThat(c.send("b COPY 1 Nope")).isEqualTo("b NO [TRYCREATE] Mailbox does not exist\r\n");
        String mv = c.send("c MOVE 2:3 Archive");
        assertThat(mv).matches("\\* OK \\[COPYUID \\d+ 2:3 3:4\\] Moved\r\n\\* 3 EXPUNGE\r\n\\* 2 EXPUNGE\r\nc OK Move completed\r\n");
        c.ok("d STORE 1 +FLAGS (\\Deleted)");
        assertThat(c.send("e EXPUNGE")).isEqualTo("* 1 EXPUNGE\r\ne OK Expunge completed\r\n");
        assertThat(c.ok("f STATUS Archive (MESSAGES)")).contains("MESSAGES 4");
        assertThat(c.send("g UID SEARCH ALL")).startsWith("* SEARCH 4\r\n");
    }

    @Test
    void uid_expunge_only_removes_the_given_uids_rfc4315_s2_1() {
        for (int i = 1; i <= 3; i++) h.deliver("alice", msg("m" + i));
        var c = h.alice();
        c.ok("s SELECT INBOX");
        c.ok("a STORE 1:3 +FLAGS.SILENT (\\Deleted)");
        assertThat(c.send("b UID EXPUNGE 2")).isEqualTo("* 2 EXPUNGE\r\nb OK Expunge completed\r\n");
        assertThat(c.send("c UID SEARCH DELETED")).startsWith("* SEARCH 1 3\r\n");
    }

    @Test
    void close_expunges_silently_unselect_does_not_rfc3691() {
        for (int i = 1; i <= 2; i++) h.deliver("alice", msg("m" + i));
        var c = h.alice();
        c.ok("s SELECT INBOX");
        c.ok("a STORE 1 +FLAGS.SILENT (\\Deleted)");
        assertThat(c.send("b UNSELECT")).isEqualTo("b OK Returned to authenticated state\r\n");
        assertThat(c.ok("c STATUS INBOX (MESSAGES)")).contains("MESSAGES 2");
        c.ok("d SELECT INBOX");
        assertThat(c.send("e CLOSE")).isEqualTo("e OK Close completed\r\n");
        assertThat(c.ok("f STATUS INBOX (MESSAGES)")).contains("MESSAGES 1");
        c.ok("g EXAMINE INBOX");
        c.ok("h CLOSE");
    }

    @Test
    void fetch_sets_seen_unless_peek_and_reports_the_flags() {
        h.deliver("alice", msg("one"));
        var c = h.alice();
        c.ok("s SELECT INBOX");
        assertThat(c.send("a FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]")).contains("Subject: one").doesNotContain("\\Seen");
        String out = c.send("b FETCH 1 BODY[TEXT]");
        assertThat(out).contains("BODY[TEXT]").contains("FLAGS (\\Seen \\Recent)").endsWith("b OK Fetch completed\r\n");
        assertThat(c.send("c FETCH 1 BODY[TEXT]")).doesNotContain("FLAGS");
        assertThat(c.send("d FETCH 1 (FOO)")).startsWith("d BAD");
    }

    @Test
    void idle_in_authenticated_state_and_done_case_insensitive_rfc2177() {
        var c = h.alice();
        assertThat(c.send("a IDLE")).isEqualTo("+ idling\r\n");
        assertThat(c.send("done")).isEqualTo("a OK IDLE terminated\r\n");
        assertThat(c.send("b IDLE")).isEqualTo("+ idling\r\n");
        assertThat(c.send("NOOP")).isEqualTo("b BAD Expected DONE to end IDLE\r\n");
        c.ok("c NOOP");
    }

    @Test
    void idle_heartbeat_says_still_here_on_the_connection_executor() throws Exception {
        var hb = new ImapHarness(b -> b.idleHeartbeat(java.time.Duration.ofMillis(20)));
        var runs = new java.util.concurrent.Semaphore(0);
        var c = hb.connect(MemoryConnection.builder().executor(r -> {
            r.run();
            runs.release();
        }));
        c.greeting();
        c.ok("l LOGIN alice secret");
        c.ok("s SELECT INBOX");
        assertThat(c.send("i IDLE")).isEqualTo("+ idling\r\n");
        // a beat that finds the session busy is skipped by design (IdlePump.heartbeat), so wait for
        // executor runs one by one until a beat was written; every wait is bounded
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 100 && !out.toString().contains("* OK Still here\r\n"); i++) {
            assertThat(runs.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)).as("heartbeat ran").isTrue();
            out.append(c.conn.takeOutput());
        }
        assertThat(out.toString()).startsWith("* OK Still here\r\n");
        assertThat(c.send("DONE")).endsWith("i OK IDLE terminated\r\n");
    }

    @Test
    void id_namespace_and_unauthenticate() {
        var c = h.alice();
        assertThat(c.send("a ID (\"name\" \"test\")")).isEqualTo("* ID (\"name\" \"Letterbox\")\r\na OK ID completed\r\n");
        assertThat(c.send("b ID NIL")).startsWith("* ID");
        c.ok("c UNAUTHENTICATE");
        assertThat(c.send("d SELECT INBOX")).startsWith("d BAD");
        c.ok("e LOGIN bob hunter2");
    }

    @Test
    void logout_says_bye_then_ok_and_closes() {
        var c = h.alice();
        assertThat(c.send("z LOGOUT")).isEqualTo("* BYE Logging out\r\nz OK Logout completed\r\n");
        assertThat(c.conn.isOpen()).isFalse();
    }

    @Test
    void autologout_timer_is_30_minutes_after_login_and_shorter_before_rfc9051_s5_4() {
        var pre = h.connect();
        pre.greeting();
        assertThat(pre.conn.readTimeout()).isLessThan(java.time.Duration.ofMinutes(30));
        var c = h.alice();
        assertThat(c.conn.readTimeout()).isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(30));
        c.conn.sendLine("a LOGIN {5}");
        c.conn.takeOutput();
        assertThat(c.conn.readTimeout()).isLessThan(java.time.Duration.ofMinutes(30));
        c.conn.fireTimeout();
        assertThat(c.conn.takeOutput()).startsWith("* BYE Autologout");
    }

    @Test
    void disabled_capabilities_are_not_advertised_and_their_commands_are_unknown() {
        var h2 = new ImapHarness(b -> b.disable("IDLE").disable("MOVE").disable("LITERAL+"));
        var c = h2.connect();
        String g = c.greeting();
        assertThat(g).doesNotContain(" IDLE", " MOVE", "LITERAL+").contains("LITERAL-");
        c.ok("a LOGIN alice secret");
        assertThat(c.send("b IDLE")).startsWith("b BAD Unknown command");
        // LITERAL-: non-synchronizing literals above 4096 octets are refused
        assertThat(c.send("c APPEND INBOX {5000+}")).startsWith("c BAD [TOOBIG]");
    }

    @Test
    void deliveries_to_other_folders_do_not_disturb_the_selected_view() {
        var c = h.alice();
        c.ok("s SELECT INBOX");
        h.deliver("alice", MailboxPath.of("Archive"), msg("x"));
        assertThat(lastLine(c.send("n NOOP"))).isEqualTo("n OK NOOP completed");
        assertThat(c.send("m NOOP")).isEqualTo("m OK NOOP completed\r\n");
    }
}
