package dev.letterbox.testkit.e2e.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.imap4.ImapProtocol;
import dev.letterbox.pop3.Pop3Protocol;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** IMAP and POP3 sessions of one user on the same tracked store, interleaved step by step in memory. */
class ImapPop3InterplayTest {
    private final TrackedStore tracked = new TrackedStore(InMemoryMailStore.create(), new InMemoryChangeHub());
    private final DefaultAuthService auth = DefaultAuthService.builder()
            .authenticator(UserRegistry.forTests().addUser("alice", "secret"))
            .failedLoginDelay(Duration.ZERO).build();
    private final ImapProtocol imap = ImapProtocol.builder(tracked, auth).build();
    private final Pop3Protocol pop3 = Pop3Protocol.builder(tracked, auth).build();

    private void deliver(int n) {
        for (int i = 1; i <= n; i++) {
            tracked.deliver("alice", MessageSource.ofBytes(("Subject: m" + i + "\r\n\r\nbody " + i + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static String send(MemoryConnection c, String line) {
        c.sendLine(line);
        return c.takeOutput();
    }

    private MemoryConnection imapSelected() {
        MemoryConnection i = MemoryConnection.open(imap);
        i.takeOutput();
        assertThat(send(i, "a LOGIN alice secret")).contains("a OK");
        assertThat(send(i, "b SELECT INBOX")).contains("b OK");
        return i;
    }

    private MemoryConnection pop3LoggedIn() {
        MemoryConnection p = MemoryConnection.open(pop3);
        p.takeOutput();
        send(p, "USER alice");
        assertThat(send(p, "PASS secret")).startsWith("+OK Logged in");
        return p;
    }

    @Test
    void a_pop3_deletion_reaches_a_selected_imap_session_as_expunge() {
        deliver(3);
        MemoryConnection i = imapSelected();
        MemoryConnection p = pop3LoggedIn();
        send(p, "DELE 2");
        assertThat(send(i, "c NOOP")).doesNotContain("EXPUNGE"); // DELE only marks
        assertThat(send(p, "QUIT")).startsWith("+OK Bye");
        assertThat(send(i, "d NOOP")).contains("* 2 EXPUNGE").contains("d OK");
    }

    @Test
    void an_imap_expunge_during_a_pop3_session_is_handled() {
        deliver(2);
        MemoryConnection p = pop3LoggedIn();
        MemoryConnection i = imapSelected();
        assertThat(send(i, "c STORE 1 +FLAGS (\\Deleted)")).contains("c OK");
        assertThat(send(i, "d EXPUNGE")).contains("* 1 EXPUNGE").contains("d OK");
        assertThat(send(p, "STAT")).startsWith("+OK 2 "); // the snapshot keeps its numbers
        assertThat(send(p, "RETR 1")).startsWith("-ERR ");
        assertThat(send(p, "RETR 2")).startsWith("+OK ").contains("body 2");
        send(p, "DELE 1");
        send(p, "DELE 2");
        assertThat(send(p, "QUIT")).startsWith("+OK Bye");
        assertThat(send(i, "e NOOP")).contains("* 1 EXPUNGE").contains("e OK");
    }
}
