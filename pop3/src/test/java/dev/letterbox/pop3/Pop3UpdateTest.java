package dev.letterbox.pop3;

import static dev.letterbox.pop3.Pop3Fixture.cmd;
import static dev.letterbox.pop3.Pop3Fixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.event.MailboxChange;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** RFC 1939 §6 UPDATE state and the deletion policies. */
class Pop3UpdateTest {
    private static final MailboxPath ARCHIVE = MailboxPath.of("Archive");

    private static Mailbox inbox(Pop3Fixture f, String user) {
        return f.store.open(user).open(MailboxPath.INBOX);
    }

    @Test
    void quit_expunges_marked_messages_and_publishes_expunge_with_the_session_origin_rfc1939_s6() {
        Pop3Fixture f = new Pop3Fixture();
        MessageMeta m1 = f.deliver("alice", message(1));
        MessageMeta m2 = f.deliver("alice", message(2));
        Mailbox inbox = inbox(f, "alice");
        List<MailboxChange> seen = new CopyOnWriteArrayList<>();
        // what a selected IMAP session of the same user subscribes to
        try (var sub = f.hub.subscribe(inbox.id(), seen::add)) {
            MemoryConnection c = f.login("alice");
            cmd(c, "DELE 1");
            assertThat(seen).isEmpty(); // marks only
            assertThat(cmd(c, "QUIT")).isEqualTo("+OK Bye, 1 messages deleted\r\n");
            assertThat(seen).singleElement().isInstanceOfSatisfying(MailboxChange.MessagesExpunged.class, e -> {
                assertThat(e.uids()).isEqualTo(UidSet.of(m1.uid()));
                assertThat(e.origin().sessionId()).isEqualTo(c.info().sessionId());
            });
        }
        assertThat(inbox.allUids()).isEqualTo(UidSet.of(m2.uid()));
    }

    @Test
    void dropped_connection_deletes_nothing_rfc1939_s6() {
        Pop3Fixture f = new Pop3Fixture();
        f.deliver("alice", message(1));
        MemoryConnection c = f.login("alice");
        cmd(c, "DELE 1");
        c.disconnect();
        assertThat(inbox(f, "alice").allUids().size()).isEqualTo(1);
    }

    @Test
    void autologout_deletes_nothing_and_sends_no_response_rfc1939_s3() {
        Pop3Fixture f = new Pop3Fixture();
        f.deliver("alice", message(1));
        MemoryConnection c = f.login("alice");
        assertThat(c.readTimeout()).isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(10));
        cmd(c, "DELE 1");
        c.fireTimeout();
        assertThat(c.takeOutput()).isEmpty();
        assertThat(inbox(f, "alice").allUids().size()).isEqualTo(1);
    }

    @Test
    void shutdown_says_sys_temp_and_deletes_nothing() {
        Pop3Fixture f = new Pop3Fixture();
        f.deliver("alice", message(1));
        MemoryConnection c = f.login("alice");
        cmd(c, "DELE 1");
        c.shutdown();
        assertThat(c.takeOutput()).isEqualTo("-ERR [SYS/TEMP] Server shutting down\r\n");
        assertThat(inbox(f, "alice").allUids().size()).isEqualTo(1);
    }

    @Test
    void rset_then_quit_deletes_nothing_rfc1939_s5() {
        Pop3Fixture f = new Pop3Fixture();
        f.deliver("alice", message(1));
        MemoryConnection c = f.login("alice");
        cmd(c, "DELE 1");
        cmd(c, "RSET");
        assertThat(cmd(c, "QUIT")).isEqualTo("+OK Bye\r\n");
        assertThat(inbox(f, "alice").allUids().size()).isEqualTo(1);
    }

    @Test
    void move_to_policy_moves_marked_messages_into_the_folder_creating_it() {
        Pop3Fixture f = new Pop3Fixture(b -> b.deletionPolicy(DeletionPolicy.moveTo(MailboxPath.of("Kept"))));
        f.deliver("alice", message(1));
        f.deliver("alice", message(2));
        MemoryConnection c = f.login("alice");
        cmd(c, "DELE 2");
        assertThat(cmd(c, "QUIT")).isEqualTo("+OK Bye, 1 messages moved\r\n");
        assertThat(inbox(f, "alice").allUids().size()).isEqualTo(1);
        Mailbox kept = f.store.open("alice").open(MailboxPath.of("Kept"));
        assertThat(kept.allUids().size()).isEqualTo(1);
        assertThat(new String(readAll(kept, kept.allUids().min()))).isEqualTo(message(2));
        assertThat(cmd(f.login("alice"), "STAT")).startsWith("+OK 1 ");
    }

    @Test
    void keep_mark_seen_policy_keeps_messages_flags_them_seen_and_keeps_their_uidl() {
        Pop3Fixture f = new Pop3Fixture(b -> b.deletionPolicy(DeletionPolicy.keepMarkSeen()));
        MessageMeta m = f.deliver("alice", message(1));
        MemoryConnection c = f.login("alice");
        String uidl = cmd(c, "UIDL 1");
        cmd(c, "DELE 1");
        assertThat(cmd(c, "QUIT")).isEqualTo("+OK Bye, 1 messages kept and marked seen\r\n");
        Mailbox inbox = inbox(f, "alice");
        assertThat(inbox.meta(UidSet.of(m.uid()))).singleElement().satisfies(x -> assertThat(x.has(Flag.SEEN)).isTrue());
        assertThat(cmd(f.login("alice"), "UIDL 1")).isEqualTo(uidl);
    }

    @Test
    void deletion_policy_can_be_overridden_per_user() {
        Pop3Fixture f = new Pop3Fixture(b -> b.deletionPolicyForUser(
                u -> u.equals("bob") ? Optional.of(DeletionPolicy.moveTo(ARCHIVE)) : Optional.empty()));
        f.deliver("alice", message(1));
        f.deliver("bob", message(1));
        for (String u : List.of("alice", "bob")) {
            MemoryConnection c = f.login(u);
            cmd(c, "DELE 1");
            cmd(c, "QUIT");
        }
        assertThat(f.store.open("alice").open(ARCHIVE).allUids().isEmpty()).isTrue();
        assertThat(f.store.open("bob").open(ARCHIVE).allUids().size()).isEqualTo(1);
        assertThat(inbox(f, "bob").allUids().isEmpty()).isTrue();
    }

    @Test
    void move_to_inbox_is_rejected() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> DeletionPolicy.moveTo(MailboxPath.INBOX));
    }

    private static byte[] readAll(Mailbox box, long uid) {
        try {
            return box.content(uid).readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_failing_policy_function_still_ends_the_session_and_releases_the_lock() {
        Pop3Fixture f = new Pop3Fixture(b -> b.deletionPolicyForUser(u -> {
            throw new IllegalStateException("host bug");
        }));
        f.deliver("alice", message(1));
        MemoryConnection c = f.login("alice");
        cmd(c, "DELE 1");
        assertThat(cmd(c, "QUIT")).isEqualTo("-ERR [SYS/TEMP] Some deleted messages not removed\r\n");
        assertThat(c.isOpen()).isFalse();
        assertThat(inbox(f, "alice").allUids().size()).isEqualTo(1);
        assertThat(cmd(f.login("alice"), "STAT")).startsWith("+OK 1 ");
    }
}
