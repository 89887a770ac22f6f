package dev.letterbox.imap4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Deterministic "mid-command" interleavings: another session acts at an exact point inside a FETCH
 * (while the message contents are being read), through a store that runs a hook on its next
 * {@code content(uid)} call. RFC 2180 §4.1.2 and RFC 9051 §7.5.1: the FETCH answers what is still
 * there, never sends EXPUNGE, never a half-written response, and the EXPUNGE follows at the next
 * command that allows it.
 */
class MidCommandExpungeTest {
    /** Runs once, on the next content() call for this UID. */
    final AtomicReference<Long> hookUid = new AtomicReference<>();
    final AtomicReference<Runnable> hook = new AtomicReference<>();
    final TrackedStore tracked;
    final ImapProtocol protocol;
    final ImapHarness h = new ImapHarness();

    MidCommandExpungeTest() {
        InMemoryMailStore mem = InMemoryMailStore.builder().user("alice").build();
        MailStore hooked = proxy(MailStore.class, mem);
        tracked = new TrackedStore(hooked, new InMemoryChangeHub());
        protocol = ImapProtocol.builder(tracked, h.auth).idleHeartbeat(Duration.ZERO).recent(false).build();
    }

    @SuppressWarnings("unchecked")
    <T> T proxy(Class<T> type, T target) {
        InvocationHandler ih = (p, m, args) -> {
            if (m.getName().equals("content") && args != null && args[0] instanceof Long uid && uid.equals(hookUid.get())) {
                Runnable r = hook.getAndSet(null);
                if (r != null) r.run();
            }
            Object result;
            try {
                result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof UserMailboxes u && m.getReturnType() == UserMailboxes.class) return proxy(UserMailboxes.class, u);
            if (result instanceof Mailbox mb && m.getReturnType() == Mailbox.class) return proxy(Mailbox.class, mb);
            return result;
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, ih);
    }

    ImapHarness.Client selected() {
        ImapHarness.Client c = new ImapHarness.Client(MemoryConnection.open(protocol));
        c.greeting();
        c.ok("l LOGIN alice secret");
        c.ok("s SELECT INBOX");
        return c;
    }

    void deliver(int n) {
        for (int i = 1; i <= n; i++) {
            tracked.deliver("alice", dev.letterbox.core.store.MessageSource.ofBytes(
                    ImapHarness.msg("m" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void expunge_by_another_session_while_fetch_reads_bodies_rfc2180_s4_1_2() {
        deliver(3);
        var reader = selected();
        var writer = selected();
        AtomicReference<String> writerOut = new AtomicReference<>();
        hookUid.set(2L);
        hook.set(() -> {
            writer.ok("w1 STORE 2:3 +FLAGS.SILENT (\\Deleted)");
            writerOut.set(writer.ok("w2 EXPUNGE"));
        });
        String fetch = reader.send("r1 FETCH 1:3 (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
        assertThat(writerOut.get()).isEqualTo("* 3 EXPUNGE\r\n* 2 EXPUNGE\r\nw2 OK Expunge completed\r\n");
        // message 1 is answered in full; 2 and 3 vanished mid-command: no partial response, no EXPUNGE
        assertThat(fetch).startsWith("* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT)] {")
                .doesNotContain(" EXPUNGE\r\n").doesNotContain("* 2 FETCH").doesNotContain("* 3 FETCH")
                .endsWith("r1 NO [EXPUNGEISSUED] Some of the requested messages no longer exist\r\n");
        // the next non-UID FETCH still may not carry EXPUNGE; the view keeps MSN 2 and 3
        assertThat(reader.send("r2 FETCH 1 (UID)")).isEqualTo("* 1 FETCH (UID 1)\r\nr2 OK Fetch completed\r\n");
        assertThat(reader.send("r3 NOOP")).isEqualTo("* 3 EXPUNGE\r\n* 2 EXPUNGE\r\nr3 OK NOOP completed\r\n");
        assertThat(writer.send("w3 NOOP")).isEqualTo("w3 OK NOOP completed\r\n");
    }

    @Test
    void uid_fetch_during_which_another_session_expunges_reports_the_expunge_before_ok_rfc9051_s6_4_9() {
        deliver(3);
        var reader = selected();
        var writer = selected();
        hookUid.set(3L);
        hook.set(() -> {
            writer.ok("w1 STORE 3 +FLAGS.SILENT (\\Deleted)");
            writer.ok("w2 EXPUNGE");
        });
        String fetch = reader.send("r1 UID FETCH 1:* (UID BODY.PEEK[TEXT])");
        assertThat(fetch).contains("* 1 FETCH (UID 1 BODY[TEXT]", "* 2 FETCH (UID 2 BODY[TEXT]")
                .doesNotContain("* 3 FETCH")
                .endsWith("* 3 EXPUNGE\r\nr1 OK Fetch completed\r\n");
        assertThat(reader.send("r2 NOOP")).isEqualTo("r2 OK NOOP completed\r\n");
    }

    @Test
    void idle_client_sees_a_mid_fetch_expunge_of_a_third_session_once() {
        deliver(2);
        var idler = selected();
        var reader = selected();
        var writer = selected();
        assertThat(idler.send("i IDLE")).isEqualTo("+ idling\r\n");
        hookUid.set(1L);
        hook.set(() -> {
            writer.ok("w1 STORE 1 +FLAGS.SILENT (\\Deleted)");
            writer.ok("w2 EXPUNGE");
        });
        assertThat(reader.send("r1 FETCH 1:2 (BODY.PEEK[TEXT])")).doesNotContain(" EXPUNGE\r\n")
                .endsWith("r1 NO [EXPUNGEISSUED] Some of the requested messages no longer exist\r\n");
        assertThat(idler.conn.takeOutput()).isEqualTo("* 1 FETCH (FLAGS (\\Deleted) UID 1)\r\n* 1 EXPUNGE\r\n");
        assertThat(idler.send("DONE")).isEqualTo("i OK IDLE terminated\r\n");
        assertThat(reader.send("r2 NOOP")).isEqualTo("* 1 EXPUNGE\r\nr2 OK NOOP completed\r\n");
    }
}
