package dev.letterbox.core.auth;

import static dev.letterbox.core.auth.Fixtures.bytes;
import static dev.letterbox.core.auth.Fixtures.failureKind;
import static dev.letterbox.core.auth.Fixtures.ip;
import static dev.letterbox.core.auth.Fixtures.success;
import static dev.letterbox.core.auth.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.auth.internal.ScramTestClient;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DefaultAuthServiceTest {
    static final Duration DELAY = Duration.ofMillis(1500);
    static final String TOKEN = "good-token";

    final UserRegistry users = UserRegistry.builder().iterations(64).build()
            .setPassword("alice@example.com", "pw".toCharArray())
            .setPassword("Guest@example.com", "pw".toCharArray())
            .setPassword("anonymous", "pw".toCharArray())
            .setPassword("postmaster@example.com", "pw".toCharArray());
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final MutableClock clock = new MutableClock();
    final TokenValidator tokens = (user, token, ctx) ->
            token.equals(TOKEN) ? Optional.of(new Principal(user.orElse("alice@example.com"))) : Optional.empty();

    DefaultAuthService.Builder builder() {
        return DefaultAuthService.builder().authenticator(users).failedLoginDelay(DELAY).sleeper(sleeps::add).clock(clock);
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

    // --- plaintext rule ------------------------------------------------------------------------------

    @Test
    void plaintext_mechanisms_are_hidden_without_tls_from_remote_addresses() {
        DefaultAuthService s = builder().tokenValidator(tokens).build();
        assertThat(s.mechanisms(Fixtures.remote("imap"))).containsExactly("SCRAM-SHA-256", "OAUTHBEARER", "XOAUTH2");
        assertThat(s.plaintextAllowed(Fixtures.remote("imap"))).isFalse();
        assertThat(s.mechanisms(Fixtures.tls("imap"))).containsExactly("SCRAM-SHA-256", "PLAIN", "LOGIN", "OAUTHBEARER", "XOAUTH2");
        assertThat(s.mechanisms(Fixtures.loopback("imap"))).contains("PLAIN", "LOGIN");
        assertThat(s.startSasl("PLAIN", Fixtures.remote("imap"))).isEmpty();
        assertThat(s.startSasl("plain", Fixtures.tls("imap"))).isPresent();
        assertThat(s.startSasl("SCRAM-SHA-256", Fixtures.remote("imap"))).isPresent();
        assertThat(s.startSasl("CRAM-MD5", Fixtures.tls("imap"))).isEmpty();
    }

    @Test
    void login_without_tls_from_remote_is_plaintext_disallowed_and_not_delayed() {
        DefaultAuthService s = builder().build();
        assertThat(s.login("alice@example.com", "pw".toCharArray(), Fixtures.remote("imap")))
                .isInstanceOf(LoginResult.PlaintextDisallowed.class);
        assertThat(s.login("alice@example.com", "pw".toCharArray(), Fixtures.tls("imap"))).isInstanceOf(LoginResult.Success.class);
        assertThat(s.login("alice@example.com", "pw".toCharArray(), Fixtures.loopback("pop3"))).isInstanceOf(LoginResult.Success.class);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void loopback_exception_can_be_switched_off_and_plaintext_allowed_everywhere() {
        DefaultAuthService strict = builder().plaintextFromLoopback(false).build();
        assertThat(strict.plaintextAllowed(Fixtures.loopback("imap"))).isFalse();
        assertThat(strict.mechanisms(Fixtures.loopback("imap"))).containsExactly("SCRAM-SHA-256");
        DefaultAuthService open = builder().allowPlaintext(true).build();
        assertThat(open.plaintextAllowed(Fixtures.remote("smtp"))).isTrue();
        assertThat(open.login("alice@example.com", "pw".toCharArray(), Fixtures.remote("imap"))).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void mechanism_list_is_configurable_and_bearer_needs_a_validator() {
        assertThat(builder().mechanisms("plain", "SCRAM-SHA-256").build().mechanisms(Fixtures.tls("smtp")))
                .containsExactly("PLAIN", "SCRAM-SHA-256");
        assertThatThrownBy(() -> builder().mechanisms("XOAUTH2").build()).hasMessageContaining("token validator");
        assertThatThrownBy(() -> builder().mechanisms("DIGEST-MD5")).hasMessageContaining("unknown mechanism");
        Authenticator noScram = (u, p, a, c) -> Optional.empty();
        assertThat(DefaultAuthService.builder().authenticator(noScram).build().mechanisms(Fixtures.tls("imap")))
                .containsExactly("PLAIN", "LOGIN");
    }

    // --- access policy -------------------------------------------------------------------------------

    @Test
    void imap_and_pop3_refuse_default_denied_names_case_insensitively() {
        DefaultAuthService s = builder().build();
        for (String protocol : List.of("imap", "pop3")) {
            assertThat(s.login("guest@example.com", "pw".toCharArray(), Fixtures.tls(protocol)))
                    .isEqualTo(new LoginResult.Failure(FailureKind.NOT_PERMITTED));
            assertThat(s.login("ANONYMOUS", "pw".toCharArray(), Fixtures.tls(protocol)))
                    .isEqualTo(new LoginResult.Failure(FailureKind.NOT_PERMITTED));
        }
        assertThat(s.login("guest@example.com", "pw".toCharArray(), Fixtures.tls("smtp"))).isInstanceOf(LoginResult.Success.class);
        assertThat(s.login("postmaster@example.com", "pw".toCharArray(), Fixtures.tls("imap"))).isInstanceOf(LoginResult.Success.class);
        assertThat(s.login("guest@example.com", "wrong".toCharArray(), Fixtures.tls("imap")))
                .as("wrong password is reported as such, not as policy").isEqualTo(new LoginResult.Failure(FailureKind.INVALID_CREDENTIALS));
    }

    @Test
    void denied_names_and_extra_policy_are_configurable() {
        DefaultAuthService s = builder().deniedUsers("imap", List.of("Postmaster")).deniedUsers("pop3", List.of())
                .accessPolicy((p, n, c) -> !(c.protocol().equals("smtp") && p.name().startsWith("anonymous"))).build();
        assertThat(s.login("postmaster@example.com", "pw".toCharArray(), Fixtures.tls("imap")))
                .isEqualTo(new LoginResult.Failure(FailureKind.NOT_PERMITTED));
        assertThat(s.login("guest@example.com", "pw".toCharArray(), Fixtures.tls("imap"))).isInstanceOf(LoginResult.Success.class);
        assertThat(s.login("anonymous", "pw".toCharArray(), Fixtures.tls("pop3"))).isInstanceOf(LoginResult.Success.class);
        assertThat(s.login("anonymous", "pw".toCharArray(), Fixtures.tls("smtp")))
                .isEqualTo(new LoginResult.Failure(FailureKind.NOT_PERMITTED));
    }

    @Test
    void policy_applies_to_sasl_successes_too() {
        DefaultAuthService s = builder().build();
        SaslServer sasl = s.startSasl("PLAIN", Fixtures.tls("imap")).orElseThrow();
        assertThat(failureKind(sasl.evaluate(bytes("\0Guest@Example.com\0pw")))).isEqualTo(FailureKind.NOT_PERMITTED);
        assertThat(sleeps).containsExactly(DELAY);
    }

    @Test
    void access_policy_default_matches_local_part_or_whole_name() {
        AccessPolicy p = AccessPolicy.defaults();
        assertThat(p.permits(new Principal("administrator@example.org"), "x", Fixtures.tls("imap"))).isFalse();
        assertThat(p.permits(new Principal("alice"), "Administrator", Fixtures.tls("pop3"))).isFalse();
        assertThat(p.permits(new Principal("guests@example.org"), "guests@example.org", Fixtures.tls("imap"))).isTrue();
        assertThat(p.permits(new Principal("guest"), "guest", Fixtures.tls("smtp"))).isTrue();
    }

    // --- delay and counters --------------------------------------------------------------------------

    @Test
    void failed_password_login_is_delayed_and_counted_success_is_not() {
        DefaultAuthService s = builder().build();
        AuthContext ctx = Fixtures.remote("imap", ip(192, 0, 2, 7), true);
        assertThat(s.login("alice@example.com", "bad".toCharArray(), ctx)).isEqualTo(new LoginResult.Failure(FailureKind.INVALID_CREDENTIALS));
        assertThat(s.login("alice@example.com", "bad".toCharArray(), ctx)).isInstanceOf(LoginResult.Failure.class);
        assertThat(sleeps).containsExactly(DELAY, DELAY);
        FailureCounters c = s.counters();
        assertThat(c.failuresFromAddress(ip(192, 0, 2, 7))).isEqualTo(2);
        assertThat(c.failuresForUser("ALICE@example.com")).isEqualTo(2);
        assertThat(c.failuresByAddress()).containsEntry(ip(192, 0, 2, 7), 2L);
        assertThat(c.totalFailures()).isEqualTo(2);

        assertThat(s.login("alice@example.com", "pw".toCharArray(), ctx)).isInstanceOf(LoginResult.Success.class);
        assertThat(sleeps).hasSize(2);
        assertThat(c.totalSuccesses()).isEqualTo(1);
        assertThat(c.failuresFromAddress(ip(192, 0, 2, 7))).as("reset by success").isZero();
        assertThat(c.failuresForUser("alice@example.com")).isZero();
        assertThat(c.totalFailures()).isEqualTo(2);
    }

    @Test
    void failure_counts_expire_after_the_window() {
        DefaultAuthService s = builder().failureWindow(Duration.ofMinutes(10)).build();
        AuthContext ctx = Fixtures.tls("imap");
        s.login("bob", "x".toCharArray(), ctx);
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        s.login("bob", "x".toCharArray(), ctx);
        assertThat(s.counters().failuresForUser("bob")).isEqualTo(2);
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(s.counters().failuresForUser("bob")).isZero();
        assertThat(s.counters().failuresByUser()).isEmpty();
        s.login("bob", "x".toCharArray(), ctx);
        assertThat(s.counters().failuresForUser("bob")).isEqualTo(1);
    }

    @Test
    void ipv6_failures_count_per_64_network() throws Exception {
        DefaultAuthService s = builder().build();
        InetAddress a = InetAddress.getByName("2001:db8:1:2::10");
        InetAddress b = InetAddress.getByName("2001:db8:1:2:ffff::1");
        InetAddress other = InetAddress.getByName("2001:db8:1:3::10");
        s.login("x", "y".toCharArray(), Fixtures.remote("imap", a, true));
        s.login("x", "y".toCharArray(), Fixtures.remote("imap", b, true));
        assertThat(s.counters().failuresFromAddress(a)).isEqualTo(2);
        assertThat(s.counters().failuresFromAddress(other)).isZero();
        assertThat(s.counters().failuresByAddress()).containsOnlyKeys(InetAddress.getByName("2001:db8:1:2::"));
    }

    @Test
    void tracked_entries_are_bounded() {
        DefaultAuthService s = builder().maxTrackedEntries(10).build();
        for (int i = 0; i < 50; i++) s.login("user" + i, "x".toCharArray(), Fixtures.remote("imap", ip(192, 0, 2, i), true));
        assertThat(s.counters().failuresByUser().size()).isLessThanOrEqualTo(10);
        assertThat(s.counters().failuresByAddress().size()).isLessThanOrEqualTo(10);
        assertThat(s.counters().totalFailures()).isEqualTo(50);
    }

    @Test
    void final_sasl_failure_is_delayed_once_but_challenges_malformed_and_cancel_are_not() {
        DefaultAuthService s = builder().build();
        SaslServer login = s.startSasl("LOGIN", Fixtures.tls("smtp")).orElseThrow();
        assertThat(text(login.evaluate(new byte[0]))).isEqualTo("Username:");
        assertThat(text(login.evaluate(bytes("alice@example.com")))).isEqualTo("Password:");
        assertThat(sleeps).isEmpty();
        assertThat(failureKind(login.evaluate(bytes("nope")))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        assertThat(sleeps).containsExactly(DELAY);
        assertThat(s.counters().failuresForUser("alice@example.com")).isEqualTo(1);
        assertThat(failureKind(login.evaluate(bytes("again")))).as("finished").isEqualTo(FailureKind.MALFORMED);
        assertThat(sleeps).hasSize(1);

        SaslServer malformed = s.startSasl("PLAIN", Fixtures.tls("smtp")).orElseThrow();
        assertThat(failureKind(malformed.evaluate(bytes("garbage")))).isEqualTo(FailureKind.MALFORMED);
        SaslServer cancelled = s.startSasl("LOGIN", Fixtures.tls("smtp")).orElseThrow();
        cancelled.evaluate(new byte[0]);
        assertThat(failureKind(cancelled.cancel())).isEqualTo(FailureKind.CANCELLED);
        assertThat(sleeps).hasSize(1);
        assertThat(s.counters().totalFailures()).isEqualTo(1);
    }

    @Test
    void scram_through_the_service_succeeds_and_counts_success() {
        DefaultAuthService s = builder().build();
        SaslServer sasl = s.startSasl("SCRAM-SHA-256", Fixtures.remote("imap")).orElseThrow();
        ScramTestClient client = new ScramTestClient("ALICE@example.com", "pw");
        String serverFirst = text(sasl.evaluate(bytes(client.first())));
        var ok = success(sasl.evaluate(bytes(client.fin(serverFirst))));
        assertThat(ok.principal().name()).isEqualTo("alice@example.com");
        assertThat(new String(ok.additionalData(), StandardCharsets.UTF_8)).isEqualTo(client.expectedServerFinal());
        assertThat(s.counters().totalSuccesses()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void scram_for_an_unknown_user_looks_like_a_registry_user_and_fails_delayed_rfc5802_s9() {
        DefaultAuthService s = builder().build();
        SaslServer sasl = s.startSasl("SCRAM-SHA-256", Fixtures.remote("imap")).orElseThrow();
        ScramTestClient client = new ScramTestClient("nobody@example.com", "pw");
        String serverFirst = text(sasl.evaluate(bytes(client.first())));
        assertThat(serverFirst).endsWith(",i=" + users.iterations());
        assertThat(failureKind(sasl.evaluate(bytes(client.fin(serverFirst))))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        assertThat(sleeps).containsExactly(DELAY);
        assertThat(s.counters().failuresForUser("nobody@example.com")).isEqualTo(1);
    }

    @Test
    void oauthbearer_rejected_token_is_delayed_after_the_dummy_response_or_on_cancel() {
        DefaultAuthService s = builder().tokenValidator(tokens).build();
        SaslServer a = s.startSasl("OAUTHBEARER", Fixtures.remote("imap")).orElseThrow();
        assertThat(text(a.evaluate(bytes("n,a=alice@example.com,\u0001auth=Bearer bad\u0001\u0001")))).contains("invalid_token");
        assertThat(sleeps).isEmpty();
        assertThat(failureKind(a.evaluate(new byte[] {1}))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        assertThat(sleeps).containsExactly(DELAY);

        SaslServer b = s.startSasl("XOAUTH2", Fixtures.remote("imap")).orElseThrow();
        text(b.evaluate(bytes("user=alice@example.com\u0001auth=Bearer bad\u0001\u0001")));
        assertThat(failureKind(b.cancel())).isEqualTo(FailureKind.CANCELLED);
        assertThat(sleeps).hasSize(2);
        assertThat(s.counters().failuresForUser("alice@example.com")).isEqualTo(2);

        SaslServer c = s.startSasl("XOAUTH2", Fixtures.remote("imap")).orElseThrow();
        assertThat(success(c.evaluate(bytes("user=alice@example.com\u0001auth=Bearer " + TOKEN + "\u0001\u0001")))
                .principal().name()).isEqualTo("alice@example.com");
    }

    @Test
    void zero_delay_never_sleeps() {
        DefaultAuthService s = builder().failedLoginDelay(Duration.ZERO).build();
        s.login("alice@example.com", "bad".toCharArray(), Fixtures.tls("imap"));
        assertThat(sleeps).isEmpty();
        assertThat(s.counters().totalFailures()).isEqualTo(1);
    }

    @Test
    void interrupted_delay_keeps_the_interrupt_flag() {
        DefaultAuthService s = builder().sleeper(d -> {
            throw new InterruptedException();
        }).build();
        try {
            assertThat(s.login("alice@example.com", "bad".toCharArray(), Fixtures.tls("imap"))).isInstanceOf(LoginResult.Failure.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    // --- lockout -------------------------------------------------------------------------------------

    @Test
    void lockout_refuses_an_address_after_the_threshold_until_it_expires() {
        DefaultAuthService s = builder().lockout(3, Duration.ofMinutes(5)).build();
        AuthContext attacker = Fixtures.remote("imap", ip(198, 51, 100, 1), true);
        for (int i = 0; i < 3; i++) s.login("alice@example.com", "bad".toCharArray(), attacker);
        assertThat(s.login("alice@example.com", "pw".toCharArray(), attacker))
                .isEqualTo(new LoginResult.Failure(FailureKind.TEMPORARY));
        SaslServer sasl = s.startSasl("PLAIN", attacker).orElseThrow();
        assertThat(failureKind(sasl.evaluate(bytes("\0alice@example.com\0pw")))).isEqualTo(FailureKind.TEMPORARY);
        assertThat(s.login("alice@example.com", "pw".toCharArray(), Fixtures.remote("imap", ip(198, 51, 100, 2), true)))
                .as("other addresses unaffected").isInstanceOf(LoginResult.Success.class);
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(s.login("alice@example.com", "pw".toCharArray(), attacker)).isInstanceOf(LoginResult.Success.class);
    }

    // --- backend errors and APOP ---------------------------------------------------------------------

    @Test
    void authenticator_exception_is_temporary_not_counted_not_leaked() {
        Authenticator broken = (u, p, a, c) -> {
            throw new IllegalStateException("ldap://secret-host down");
        };
        DefaultAuthService s = DefaultAuthService.builder().authenticator(broken).sleeper(sleeps::add).build();
        assertThat(s.login("alice", "pw".toCharArray(), Fixtures.tls("imap"))).isEqualTo(new LoginResult.Failure(FailureKind.TEMPORARY));
        var step = s.startSasl("PLAIN", Fixtures.tls("imap")).orElseThrow().evaluate(bytes("\0alice\0pw"));
        assertThat(failureKind(step)).isEqualTo(FailureKind.TEMPORARY);
        assertThat(step.toString()).doesNotContain("secret-host");
        assertThat(s.counters().totalFailures()).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void apop_rfc1939_s7_digest_check() throws Exception {
        UserRegistry clear = UserRegistry.builder().iterations(64).keepClearSecrets(true).build()
                .addUser("mrose", "{PLAIN}tanstaaf");
        DefaultAuthService s = DefaultAuthService.builder().authenticator(clear).apop(true).sleeper(sleeps::add).build();
        String ts = "<1896.697170952@dbc.mtview.ca.us>";
        // RFC 1939 §7 example digest
        assertThat(s.apop("mrose", ts, "c4c9334bac560ecc979e58001b3e22fb", Fixtures.remote("pop3")))
                .isEqualTo(new LoginResult.Success(new Principal("mrose")));
        assertThat(s.apop("mrose", ts, "C4C9334BAC560ECC979E58001B3E22FB", Fixtures.remote("pop3"))).isInstanceOf(LoginResult.Success.class);
        assertThat(s.apop("mrose", ts, "00000000000000000000000000000000", Fixtures.remote("pop3")))
                .isEqualTo(new LoginResult.Failure(FailureKind.INVALID_CREDENTIALS));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(s.apopEnabled()).isTrue();

        DefaultAuthService off = DefaultAuthService.builder().authenticator(clear).sleeper(sleeps::add).build();
        assertThat(off.apopEnabled()).isFalse();
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest((ts + "tanstaaf").getBytes(StandardCharsets.UTF_8)));
        assertThat(off.apop("mrose", ts, digest, Fixtures.remote("pop3"))).isInstanceOf(LoginResult.Failure.class);
    }

    @Test
    void apop_without_clear_secret_fails() {
        DefaultAuthService s = builder().apop(true).build();
        assertThat(s.apop("alice@example.com", "<1.2@x>", "c4c9334bac560ecc979e58001b3e22fb", Fixtures.remote("pop3")))
                .isEqualTo(new LoginResult.Failure(FailureKind.INVALID_CREDENTIALS));
    }

    @Test
    void empty_credentials_fail_without_calling_the_backend() {
        DefaultAuthService s = DefaultAuthService.builder().authenticator((u, p, a, c) -> {
            throw new AssertionError("must not be called");
        }).sleeper(sleeps::add).build();
        assertThat(s.login("", "pw".toCharArray(), Fixtures.tls("imap"))).isEqualTo(new LoginResult.Failure(FailureKind.INVALID_CREDENTIALS));
        assertThat(s.login("a", new char[0], Fixtures.tls("imap"))).isEqualTo(new LoginResult.Failure(FailureKind.INVALID_CREDENTIALS));
    }

}
