package dev.letterbox.pop3;

import static dev.letterbox.pop3.Pop3Fixture.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** POP3 with the real DefaultAuthService and UserRegistry of core. */
class Pop3DefaultAuthTest {
    private final UserRegistry users = UserRegistry.builder().iterations(UserRegistry.TEST_ITERATIONS)
            .keepClearSecrets(true).build().addUser("alice", "secret").addUser("guest", "guest");
    private final DefaultAuthService auth = DefaultAuthService.builder().authenticator(users)
            .failedLoginDelay(Duration.ZERO).apop(true).build();
    private final Pop3Protocol pop3 = Pop3Protocol.builder(TrackedStore.of(InMemoryMailStore.create()), auth).build();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private MemoryConnection connect() {
        MemoryConnection c = MemoryConnection.open(pop3);
        c.takeOutput();
        return c;
    }

    @Test
    void capa_lists_the_services_mechanisms_before_login() {
        assertThat(cmd(connect(), "CAPA")).containsPattern("\r\nSASL [A-Z0-9 -]*PLAIN[A-Z0-9 -]*\r\n").contains("\r\nUSER\r\n");
    }

    @Test
    void auth_login_with_username_and_password_challenges_rfc5034() {
        MemoryConnection c = connect();
        assertThat(cmd(c, "AUTH LOGIN")).isEqualTo("+ " + b64("Username:") + "\r\n");
        assertThat(cmd(c, b64("alice"))).isEqualTo("+ " + b64("Password:") + "\r\n");
        assertThat(cmd(c, b64("secret"))).startsWith("+OK Logged in");
    }

    @Test
    void auth_plain_initial_response_and_wrong_password() {
        assertThat(cmd(connect(), "AUTH PLAIN " + b64("\0alice\0secret"))).startsWith("+OK Logged in");
        assertThat(cmd(connect(), "AUTH PLAIN " + b64("\0alice\0nope"))).startsWith("-ERR [AUTH] ");
    }

    @Test
    void access_policy_refuses_guest_accounts_with_auth_code() {
        MemoryConnection c = connect();
        cmd(c, "USER guest");
        assertThat(cmd(c, "PASS guest")).startsWith("-ERR [AUTH] ");
    }

    @Test
    void apop_with_clear_secrets_rfc1939_s7() {
        MemoryConnection c = MemoryConnection.open(pop3);
        Matcher m = Pattern.compile("(<[^>]+>)\r\n$").matcher(c.takeOutput());
        assertThat(m.find()).isTrue();
        assertThat(cmd(c, "APOP alice " + FakeAuth.md5(m.group(1) + "secret"))).startsWith("+OK Logged in");
    }

    @Test
    void cancelled_auth_login() {
        MemoryConnection c = connect();
        cmd(c, "AUTH LOGIN");
        assertThat(cmd(c, "*")).isEqualTo("-ERR Authentication cancelled\r\n");
    }
}
