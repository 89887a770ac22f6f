package dev.letterbox.pop3;

import static dev.letterbox.pop3.Pop3Fixture.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Storage failures mapped to RFC 3206 codes, and bodies served from streams. */
class Pop3StoreFailureTest {
    private final InMemoryMailStore memory = InMemoryMailStore.create();
    private final FaultyStore faulty = new FaultyStore(memory);
    private final TrackedStore tracked = new TrackedStore(faulty, new InMemoryChangeHub());
    private final FakeAuth auth = new FakeAuth().user("alice", "secret");
    private final Pop3Protocol protocol = Pop3Protocol.builder(tracked, auth).build();

    private MemoryConnection login() {
        MemoryConnection c = MemoryConnection.open(protocol);
        c.takeOutput();
        cmd(c, "USER alice");
        c.sendLine("PASS secret");
        return c;
    }

    private void deliver(String text) {
        tracked.deliver("alice", MessageSource.ofBytes(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void temporary_store_failure_at_login_is_sys_temp_and_releases_the_lock_rfc3206_s5() {
        faulty.failOpen = new StoreException.TemporaryFailure("db down", null);
        MemoryConnection c = login();
        assertThat(c.takeOutput()).isEqualTo("-ERR [SYS/TEMP] Temporary storage failure, try again later\r\n");
        faulty.failOpen = null;
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS secret")).startsWith("+OK Logged in");
    }

    @Test
    void permanent_store_failure_at_login_is_sys_perm_without_internal_text_rfc3206_s4() {
        faulty.failOpen = new StoreException.PermissionDenied("secret internal detail");
        String out = login().takeOutput();
        assertThat(out).isEqualTo("-ERR [SYS/PERM] Permission denied\r\n").doesNotContain("internal");
    }

    @Test
    void failed_update_answers_err_and_keeps_the_messages_rfc1939_s6() {
        deliver("Subject: x\r\n\r\nbody\r\n");
        MemoryConnection c = login();
        c.takeOutput();
        cmd(c, "DELE 1");
        faulty.failDelete = new StoreException.TemporaryFailure("io", null);
        assertThat(cmd(c, "QUIT")).isEqualTo("-ERR [SYS/TEMP] Some deleted messages not removed\r\n");
        assertThat(c.isOpen()).isFalse();
        assertThat(memory.open("alice").open(MailboxPath.INBOX).allUids().size()).isEqualTo(1);
        faulty.failDelete = null;
        assertThat(cmd(loginOk(), "STAT")).startsWith("+OK 1 "); // lock released despite the failure
    }

    private MemoryConnection loginOk() {
        MemoryConnection c = login();
        assertThat(c.takeOutput()).startsWith("+OK Logged in");
        return c;
    }

    @Test
    void stream_only_content_is_served_dot_stuffed() {
        String msg = "Subject: s\r\n\r\n" + ".x\r\n".repeat(20_000);
        deliver(msg);
        MemoryConnection c = loginOk();
        assertThat(cmd(c, "RETR 1")).isEqualTo("+OK " + msg.length() + " octets\r\n"
                + msg.replace("\r\n.", "\r\n..") + ".\r\n");
        assertThat(cmd(c, "TOP 1 1")).isEqualTo("+OK Top of message follows\r\nSubject: s\r\n\r\n..x\r\n.\r\n");
    }

    @Test
    void read_failure_in_the_middle_of_a_body_closes_the_connection_without_a_terminator() {
        deliver("Subject: s\r\n\r\n" + "line\r\n".repeat(1000));
        MemoryConnection c = loginOk();
        faulty.failReadMidway = true;
        String out = cmd(c, "RETR 1");
        assertThat(out).startsWith("+OK ").doesNotEndWith("\r\n.\r\n");
        assertThat(c.isOpen()).isFalse();
    }

    @Test
    void unknown_store_user_gets_sys_perm() {
        InMemoryMailStore strict = InMemoryMailStore.builder().autoCreateUsers(false).build();
        Pop3Protocol p = Pop3Protocol.builder(TrackedStore.of(strict), auth).build();
        MemoryConnection c = MemoryConnection.open(p);
        c.takeOutput();
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS secret")).isEqualTo("-ERR [SYS/PERM] Mailbox does not exist\r\n");
    }

    @Test
    void uid_validity_change_during_the_session_deletes_nothing_at_quit() {
        deliver("Subject: x\r\n\r\nbody\r\n");
        MemoryConnection c = loginOk();
        cmd(c, "DELE 1");
        faulty.uidValidityBump = 1;
        assertThat(cmd(c, "QUIT")).isEqualTo("-ERR [SYS/TEMP] Maildrop changed by another session, no messages deleted\r\n");
        assertThat(memory.open("alice").open(MailboxPath.INBOX).allUids().size()).isEqualTo(1);
    }

    @Test
    void store_failure_after_sasl_success_ends_the_exchange() {
        faulty.failOpen = new StoreException.TemporaryFailure("db down", null);
        MemoryConnection c = MemoryConnection.open(protocol);
        c.takeOutput();
        assertThat(cmd(c, "AUTH X-TEST")).startsWith("+ ");
        assertThat(cmd(c, java.util.Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8))))
                .startsWith("-ERR [SYS/TEMP] ");
        faulty.failOpen = null;
        assertThat(cmd(c, "CAPA")).startsWith("+OK Capability list follows"); // a command again, not a SASL line
    }

    @Test
    void a_login_that_failed_in_the_store_does_not_count_for_login_delay() {
        Pop3Protocol delayed = Pop3Protocol.builder(tracked, auth).loginDelay(java.time.Duration.ofHours(1)).build();
        faulty.failOpen = new StoreException.TemporaryFailure("db down", null);
        MemoryConnection c = MemoryConnection.open(delayed);
        c.takeOutput();
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS secret")).startsWith("-ERR [SYS/TEMP] ");
        faulty.failOpen = null;
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS secret")).startsWith("+OK Logged in");
    }
}
