package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DATA and BDAT spool to a temp file above the threshold; the file is always deleted. */
class SpoolTest {
    @TempDir
    Path dir;
    final RecordingHandler handler = new RecordingHandler();
    final List<Long> filesDuringData = new CopyOnWriteArrayList<>();

    SubmissionProtocol protocol() {
        handler.duringData = m -> filesDuringData.add(count());
        return SubmissionProtocol.builder(TestUsers.auth(), handler).spoolMemoryThreshold(64).spoolDirectory(dir)
                .addReceived(false).addMissingDate(false).addMissingMessageId(false).build();
    }

    long count() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Smtp ready() {
        Smtp s = new Smtp(protocol()).login();
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        return s;
    }

    @Test
    void large_data_goes_to_file_which_is_deleted_after_handoff() {
        Smtp s = ready();
        s.cmd("DATA");
        String body = "line of text that is long enough\r\n".repeat(100);
        assertThat(s.send(body + ".\r\n")).startsWith("250 ");
        assertThat(filesDuringData).containsExactly(1L);
        assertThat(handler.lastMessage()).isEqualTo(body);
        assertThat(count()).isZero();
    }

    @Test
    void small_message_never_touches_disk() {
        Smtp s = ready();
        s.cmd("DATA");
        s.send("tiny\r\n.\r\n");
        assertThat(filesDuringData).containsExactly(0L);
    }

    @Test
    void spool_deleted_on_disconnect_mid_data() {
        Smtp s = ready();
        s.cmd("DATA");
        s.send("x".repeat(500));
        assertThat(count()).isEqualTo(1);
        s.conn.disconnect();
        assertThat(count()).isZero();
    }

    @Test
    void spool_deleted_on_rset_mid_bdat_and_on_timeout() {
        Smtp s = ready();
        s.send("BDAT 200\r\n" + "y".repeat(200));
        assertThat(count()).isEqualTo(1);
        s.cmd("RSET");
        assertThat(count()).isZero();
        Smtp t = ready();
        t.send("BDAT 300\r\n" + "y".repeat(200));
        assertThat(count()).isEqualTo(1);
        t.conn.fireTimeout();
        assertThat(count()).isZero();
    }

    @Test
    void spool_deleted_when_handler_fails_or_message_is_refused() {
        handler.dataFailure = new IllegalStateException("boom");
        Smtp s = ready();
        s.cmd("DATA");
        assertThat(s.send("z".repeat(300) + "\r\n.\r\n")).startsWith("451 ");
        assertThat(count()).isZero();
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        s.cmd("DATA");
        assertThat(s.send("z".repeat(300) + "\n\r\n.\r\n")).startsWith("550 5.6.0 ");
        assertThat(count()).isZero();
    }

    @Test
    void spool_failure_is_452_4_3_1_and_connection_stays_usable() throws IOException {
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler).spoolMemoryThreshold(8)
                .spoolDirectory(dir.resolve("missing")).build();
        Smtp s = new Smtp(p).login();
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        s.cmd("DATA");
        assertThat(s.send("more than eight bytes\r\n.\r\n")).isEqualTo("452 4.3.1 Insufficient system storage\r\n");
        s.cmd("MAIL FROM:<alice@example.com>");
        s.cmd("RCPT TO:<bob@example.com>");
        assertThat(s.send("BDAT 20\r\n" + "q".repeat(20))).startsWith("452 4.3.1 ");
        assertThat(s.send("BDAT 1 LAST\r\nq")).startsWith("503 5.5.1 ");
        assertThat(s.cmd("NOOP")).startsWith("250 ");
        assertThat(handler.messages).isEmpty();
    }
}
