package dev.letterbox.pop3;

import static dev.letterbox.pop3.Pop3Fixture.cmd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Pop3CapaTest {

    private static List<String> capa(MemoryConnection c) {
        String out = cmd(c, "CAPA");
        assertThat(out).startsWith("+OK Capability list follows\r\n").endsWith("\r\n.\r\n");
        String body = out.substring(out.indexOf("\r\n") + 2, out.length() - 5);
        return Arrays.asList(body.split("\r\n"));
    }

    @Test
    void before_login_on_loopback_lists_everything_that_is_on_rfc2449_s5() {
        Pop3Fixture f = new Pop3Fixture();
        assertThat(capa(f.connect())).containsExactly("TOP", "UIDL", "USER", "SASL PLAIN X-TEST", "RESP-CODES",
                "AUTH-RESP-CODE", "PIPELINING", "UTF8 USER", "STLS", "IMPLEMENTATION Letterbox");
    }

    @Test
    void after_stls_no_stls_rfc2595_s4() {
        Pop3Fixture f = new Pop3Fixture();
        MemoryConnection c = f.connect();
        cmd(c, "STLS");
        assertThat(capa(c)).doesNotContain("STLS").contains("USER", "SASL PLAIN X-TEST");
    }

    @Test
    void plaintext_disallowed_means_no_user_and_no_plain_mechanisms() {
        Pop3Fixture f = new Pop3Fixture();
        List<String> caps = capa(f.connect(MemoryConnection.builder().remote("192.0.2.7")));
        assertThat(caps).doesNotContain("USER").contains("SASL X-TEST", "STLS");
        assertThat(caps).noneMatch(c -> c.contains("PLAIN"));
    }

    @Test
    void after_login_no_user_sasl_or_stls_rfc2449_s5() {
        Pop3Fixture f = new Pop3Fixture();
        List<String> caps = capa(f.login("alice"));
        assertThat(caps).containsExactly("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "UTF8 USER",
                "IMPLEMENTATION Letterbox");
    }

    @Test
    void expire_and_login_delay_are_advertised_from_configuration_rfc2449_s6() {
        Pop3Fixture f = new Pop3Fixture(b -> b.expire(Expire.days(30)).loginDelay(Duration.ofMinutes(15)));
        assertThat(capa(f.connect())).contains("EXPIRE 30", "LOGIN-DELAY 900");
        assertThat(capa(f.login("alice"))).contains("EXPIRE 30", "LOGIN-DELAY 900");
    }

    @Test
    void per_user_expire_and_login_delay_say_user_before_login_and_the_value_after_rfc2449_s6_5_s6_7() {
        Pop3Fixture f = new Pop3Fixture(b -> b
                .expire(Expire.days(0), u -> u.equals("alice") ? Expire.never() : Expire.days(5))
                .loginDelay(Duration.ZERO, u -> Duration.ofSeconds(u.equals("alice") ? 0 : 60)));
        assertThat(capa(f.connect())).contains("EXPIRE 0 USER", "LOGIN-DELAY 0 USER");
        assertThat(capa(f.login("alice"))).contains("EXPIRE NEVER", "LOGIN-DELAY 0");
        assertThat(capa(f.login("bob"))).contains("EXPIRE 5", "LOGIN-DELAY 60");
    }

    @Test
    void switched_off_capabilities_are_not_listed() {
        Pop3Fixture f = new Pop3Fixture(b -> b.pipelining(false).utf8(false).userPass(false)
                .implementation(Optional.empty()));
        assertThat(capa(f.connect())).containsExactly("TOP", "UIDL", "SASL PLAIN X-TEST", "RESP-CODES",
                "AUTH-RESP-CODE", "STLS");
    }

    @Test
    void no_stls_without_tls_configured_or_on_implicit_tls() {
        Pop3Fixture f = new Pop3Fixture();
        assertThat(capa(f.connect(MemoryConnection.builder().tlsAvailable(false)))).doesNotContain("STLS");
        assertThat(capa(f.connect(MemoryConnection.builder().implicitTls(true)))).doesNotContain("STLS");
    }

    @Test
    void capa_with_arguments_is_an_error() {
        assertThat(cmd(new Pop3Fixture().connect(), "CAPA X")).isEqualTo("-ERR CAPA takes no arguments\r\n");
    }
}
