package dev.letterbox.imap4;

import static dev.letterbox.imap4.ImapHarness.msg;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Timeouts around IDLE (RFC 2177 §3, RFC 9051 §5.4): the autologout applies while idling, never the short command timeout. */
class IdleTimeoutTest {
    @Test
    void idling_uses_the_autologout_of_at_least_30_minutes_rfc9051_s5_4() {
        var h = new ImapHarness(b -> b.recent(false).autologout(Duration.ofMinutes(45)).commandTimeout(Duration.ofSeconds(20)));
        var c = h.alice();
        c.ok("s SELECT INBOX");
        assertThat(c.send("i IDLE")).isEqualTo("+ idling\r\n");
        assertThat(c.conn.readTimeout()).isEqualTo(Duration.ofMinutes(45));
        h.deliver("alice", msg("pushed"));
        assertThat(c.conn.takeOutput()).isEqualTo("* 1 EXISTS\r\n");
        assertThat(c.conn.readTimeout()).as("a push does not change the timeout").isEqualTo(Duration.ofMinutes(45));
        assertThat(c.send("DONE")).isEqualTo("i OK IDLE terminated\r\n");
        assertThat(c.conn.readTimeout()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void idle_in_the_authenticated_state_also_uses_the_autologout() {
        var h = new ImapHarness(b -> b.commandTimeout(Duration.ofSeconds(20)));
        var c = h.alice();
        assertThat(c.send("i IDLE")).isEqualTo("+ idling\r\n");
        assertThat(c.conn.readTimeout()).isGreaterThanOrEqualTo(Duration.ofMinutes(30));
        assertThat(c.send("dOnE")).isEqualTo("i OK IDLE terminated\r\n");
    }

    @Test
    void autologout_during_idle_says_bye_and_later_changes_are_not_written() {
        var h = new ImapHarness();
        var c = h.alice();
        c.ok("s SELECT INBOX");
        assertThat(c.send("i IDLE")).isEqualTo("+ idling\r\n");
        c.conn.fireTimeout();
        assertThat(c.conn.takeOutput()).isEqualTo("* BYE Autologout; idle for too long\r\n");
        assertThat(c.conn.isOpen()).isFalse();
        h.deliver("alice", msg("after"));
        assertThat(c.conn.takeOutput()).isEmpty();
    }
}
