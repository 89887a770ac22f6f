package dev.letterbox.pop3;

import static dev.letterbox.pop3.Pop3Fixture.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** RFC 1939 §4 exclusive maildrop lock and RFC 2449 §6.5 LOGIN-DELAY. */
class Pop3LockTest {
    private final Pop3Fixture f = new Pop3Fixture();

    private MemoryConnection secondLogin() {
        MemoryConnection c = f.connect();
        cmd(c, "USER alice");
        c.sendLine("PASS secret");
        return c;
    }

    @Test
    void second_concurrent_session_gets_in_use_rfc2449_s8_1_1() {
        MemoryConnection first = f.login("alice");
        MemoryConnection second = secondLogin();
        assertThat(second.takeOutput()).isEqualTo("-ERR [IN-USE] Maildrop is locked by another session\r\n");
        assertThat(second.recordedEvents()).contains("auth-fail alice USER");
        assertThat(cmd(second, "STAT")).startsWith("-ERR STAT is not valid in the AUTHORIZATION state");
        assertThat(cmd(first, "STAT")).startsWith("+OK");
        assertThat(cmd(f.login("bob"), "STAT")).startsWith("+OK"); // other users are not affected
    }

    @Test
    void lock_is_released_on_quit() {
        cmd(f.login("alice"), "QUIT");
        assertThat(secondLogin().takeOutput()).startsWith("+OK Logged in");
    }

    @Test
    void lock_is_released_on_disconnect_timeout_and_shutdown() {
        f.login("alice").disconnect();
        MemoryConnection c = secondLogin();
        assertThat(c.takeOutput()).startsWith("+OK Logged in");
        c.fireTimeout();
        MemoryConnection d = secondLogin();
        assertThat(d.takeOutput()).startsWith("+OK Logged in");
        d.shutdown();
        assertThat(secondLogin().takeOutput()).startsWith("+OK Logged in");
    }

    @Test
    void a_session_that_failed_to_lock_does_not_release_the_holders_lock() {
        MemoryConnection first = f.login("alice");
        MemoryConnection second = secondLogin();
        second.takeOutput();
        cmd(second, "QUIT");
        assertThat(secondLogin().takeOutput()).startsWith("-ERR [IN-USE]");
        assertThat(cmd(first, "NOOP")).isEqualTo("+OK\r\n");
    }

    @Test
    void lock_can_be_switched_off() {
        Pop3Fixture g = new Pop3Fixture(b -> b.exclusiveLock(false));
        g.login("alice");
        assertThat(cmd(g.login("alice"), "STAT")).startsWith("+OK");
    }

    @Test
    void login_delay_refuses_logins_that_come_too_soon_rfc2449_s6_5() {
        MutableClock clock = new MutableClock();
        Pop3Fixture g = new Pop3Fixture(b -> b.loginDelay(Duration.ofMinutes(5)).clock(clock));
        cmd(g.login("alice"), "QUIT");
        MemoryConnection c = g.connect();
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS secret")).isEqualTo("-ERR [LOGIN-DELAY] Minimum time between logins has not yet passed\r\n");
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS secret")).startsWith("+OK Logged in");
    }

    @Test
    void refused_in_use_login_does_not_count_for_login_delay() {
        MutableClock clock = new MutableClock();
        Pop3Fixture g = new Pop3Fixture(b -> b.loginDelay(Duration.ofMinutes(5)).clock(clock));
        MemoryConnection first = g.login("alice");
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        MemoryConnection c = g.connect();
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS secret")).startsWith("-ERR [IN-USE]");
        cmd(first, "QUIT");
        cmd(c, "USER alice");
        assertThat(cmd(c, "PASS secret")).startsWith("+OK Logged in");
    }

    @Test
    void busy_reply_is_sys_temp() {
        assertThat(new String(f.protocol.busyReply())).startsWith("-ERR [SYS/TEMP] ").endsWith("\r\n");
        assertThat(f.protocol.initialReadTimeout()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Pop3Protocol.builder(f.tracked, f.auth).autologout(Duration.ofMinutes(9)));
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
