package dev.letterbox.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.MailboxPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --save-sent}: a copy of each submission in the sender's \Sent mailbox, off by default. */
class SaveSentServerTest {
    private static final String[] USERS = {"--user", "alice@example.org:alice-pw", "--user", "bob@example.org:bob-pw"};

    @TempDir
    Path dir;

    @Test
    void without_save_sent_no_copy_is_filed() throws Exception {
        try (LetterboxServer.Running running = ServerFixture.start(dir, new ByteArrayOutputStream(), USERS)) {
            assertThat(running.backend().submission().saveSent()).isFalse();
            ServerFixture.submit(running, "alice@example.org", "alice-pw", "alice@example.org", "no copy", "bob@example.org");

            assertThat(ServerFixture.messages(running, "bob@example.org", MailboxPath.INBOX)).hasSize(1);
            assertThat(ServerFixture.messages(running, "alice@example.org", ServerFixture.sent(running, "alice@example.org")))
                    .isEmpty();
            assertThat(ServerFixture.messages(running, "alice@example.org", MailboxPath.INBOX)).isEmpty();
        }
    }

    @Test
    void with_save_sent_the_sender_gets_the_same_bytes_in_sent() throws Exception {
        String[] args = {USERS[0], USERS[1], USERS[2], USERS[3], "--save-sent"};
        try (LetterboxServer.Running running = ServerFixture.start(dir, new ByteArrayOutputStream(), args)) {
            ServerFixture.submit(running, "alice@example.org", "alice-pw", "alice@example.org", "filed", "bob@example.org");

            var inbox = ServerFixture.messages(running, "bob@example.org", MailboxPath.INBOX);
            var sent = ServerFixture.messages(running, "alice@example.org", ServerFixture.sent(running, "alice@example.org"));
            assertThat(inbox).hasSize(1);
            assertThat(sent).hasSize(1);
            assertThat(new String(sent.get(0), StandardCharsets.UTF_8)).contains("Subject: filed\r\n");
            assertThat(sent.get(0)).isEqualTo(inbox.get(0));
            var box = running.backend().store().store().open("alice@example.org")
                    .open(ServerFixture.sent(running, "alice@example.org"));
            assertThat(box.metaAfter(0).get(0).flags()).contains(dev.letterbox.core.store.Flag.SEEN);
            // bob's own Sent stays empty: the copy goes to the sender only
            assertThat(ServerFixture.messages(running, "bob@example.org", ServerFixture.sent(running, "bob@example.org")))
                    .isEmpty();
        }
    }
}
