package dev.letterbox.examples.embedding.idle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Protocol;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Embedding example 3: IDLE push reaches the application when mail is delivered from another thread. */
class NewMailWatcherTest {
    @Test
    void new_mail_is_pushed_while_idling() throws Exception {
        try (MailTestServer server = MailTestServer.builder().user("alice@example.com", "pw").start()) {
            BlockingQueue<String> subjects = new LinkedBlockingQueue<>();
            try (NewMailWatcher watcher = NewMailWatcher.start(server.imapProperties(), "alice@example.com", "pw", m -> {
                try {
                    subjects.add(m.getSubject());
                } catch (jakarta.mail.MessagingException e) {
                    subjects.add("?");
                }
            })) {
                // no sleeping: wait until the client really is in IDLE, as the server saw it
                server.awaitCommand(c -> c.service().protocol() == Protocol.IMAP && c.verb().equals("IDLE"), Duration.ofSeconds(10));
                ExecutorService other = Executors.newSingleThreadExecutor();
                try {
                    other.submit(() -> server.deliver("alice@example.com",
                            "From: bob@example.com\r\nSubject: pushed\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII))).get(10, TimeUnit.SECONDS);
                } finally {
                    other.shutdown();
                }
                assertThat(subjects.poll(10, TimeUnit.SECONDS)).isEqualTo("pushed");
            }
        }
    }
}
