package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.Authenticator;
import dev.letterbox.core.auth.LoginResult;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.net.MemoryConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 4954 AUTH and RFC 6409 §4.3 / §6.1 submission rules. */
class AuthTest {
    final RecordingHandler handler = new RecordingHandler();
    final AuthService auth = TestUsers.auth();
    final SubmissionProtocol protocol = SubmissionProtocol.builder(auth, handler).build();

    @Test
    void plain_with_initial_response_rfc4954_s4() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret")))
                .isEqualTo("235 2.7.0 Authentication successful\r\n");
        assertThat(s.ehlo()).doesNotContain("AUTH "); // no AUTH after authenticating
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret"))).startsWith("503 5.5.1 ");
    }

    @Test
    void plain_without_initial_response_gets_empty_334() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        assertThat(s.cmd("AUTH PLAIN")).isEqualTo("334 \r\n");
        assertThat(s.cmd(Smtp.plain("alice@example.com", "secret"))).startsWith("235 2.7.0 ");
    }

    @Test
    void login_mechanism_challenges_are_base64_rfc4954_s4() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        assertThat(s.cmd("AUTH LOGIN")).isEqualTo("334 " + Smtp.b64("Username:") + "\r\n");
        assertThat(s.cmd(Smtp.b64("bob@example.com"))).isEqualTo("334 " + Smtp.b64("Password:") + "\r\n");
        assertThat(s.cmd(Smtp.b64("hunter2"))).startsWith("235 2.7.0 ");
        assertThat(s.conn.recordedEvents()).contains("C: <sasl response>").noneMatch(e -> e.contains(Smtp.b64("hunter2")));
    }

    @Test
    void login_with_initial_response_skips_username_challenge() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        assertThat(s.cmd("AUTH LOGIN " + Smtp.b64("bob@example.com"))).isEqualTo("334 " + Smtp.b64("Password:") + "\r\n");
        assertThat(s.cmd(Smtp.b64("hunter2"))).startsWith("235 ");
    }

    @Test
    void star_cancels_the_exchange_501_rfc4954_s4() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        s.cmd("AUTH LOGIN");
        assertThat(s.cmd("*")).isEqualTo("501 5.0.0 Authentication cancelled\r\n");
        assertThat(s.cmd("NOOP")).startsWith("250 "); // back in command mode
    }

    @Test
    void wrong_password_is_535_5_7_8_and_reported() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "wrong")))
                .isEqualTo("535 5.7.8 Authentication credentials invalid\r\n");
        assertThat(s.conn.recordedEvents()).anyMatch(e -> e.startsWith("auth-fail"));
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).startsWith("530 5.7.0 ");
    }

    @Test
    void temporary_backend_failure_is_454_4_7_0() {
        Authenticator down = (user, password, authzid, ctx) -> {
            throw new IllegalStateException("user database unreachable");
        };
        Smtp s = new Smtp(SubmissionProtocol.builder(TestUsers.auth(down), handler).build());
        s.ehlo();
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret"))).startsWith("454 4.7.0 ");
    }

    @Test
    void invalid_base64_is_501_5_5_2() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        assertThat(s.cmd("AUTH PLAIN !!notbase64")).startsWith("501 5.5.2 ");
        s.cmd("AUTH LOGIN");
        assertThat(s.cmd("%%%")).startsWith("501 5.5.2 ");
        assertThat(s.cmd("NOOP")).startsWith("250 ");
    }

    @Test
    void malformed_plain_message_is_501() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        assertThat(s.cmd("AUTH PLAIN " + Smtp.b64("no-nuls"))).startsWith("501 5.5.2 ");
    }

    @Test
    void success_with_additional_data_uses_final_334_and_empty_response_rfc4954_s4() {
        Smtp s = new Smtp(SubmissionProtocol.builder(withAdditionalData(auth, "welcome"), handler).build());
        s.ehlo();
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret"))).isEqualTo("334 " + Smtp.b64("welcome") + "\r\n");
        assertThat(s.cmd("")).startsWith("235 2.7.0 ");
    }

    @Test
    void auth_requires_ehlo_and_is_refused_in_transaction() {
        Smtp s = new Smtp(protocol);
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret"))).startsWith("503 5.5.1 ");
        s.cmd("HELO x");
        assertThat(s.cmd("AUTH PLAIN " + Smtp.plain("alice@example.com", "secret"))).startsWith("503 5.5.1 ");
        assertThat(s.cmd("EHLO x")).contains("AUTH PLAIN");
        assertThat(s.cmd("AUTH")).startsWith("501 5.5.4 ");
    }

    @Test
    void mail_requires_auth_530_5_7_0_rfc6409_s4_3() {
        Smtp s = new Smtp(protocol);
        s.ehlo();
        assertThat(s.cmd("MAIL FROM:<alice@example.com>")).isEqualTo("530 5.7.0 Authentication required\r\n");
        assertThat(handler.calls).isEmpty();
    }

    @Test
    void sender_must_belong_to_user_550_5_7_1_rfc6409_s6_1() {
        Smtp s = new Smtp(protocol).login();
        assertThat(s.cmd("MAIL FROM:<bob@example.com>")).isEqualTo("550 5.7.1 Sender address not permitted for this user\r\n");
        assertThat(s.cmd("MAIL FROM:<>")).startsWith("550 5.7.1 ");
        assertThat(s.cmd("MAIL FROM:<Alice@Example.COM>")).startsWith("250 2.1.0 ");
    }

    @Test
    void host_sender_policy_decides_aliases() {
        SubmissionProtocol p = SubmissionProtocol.builder(auth, handler)
                .senderPolicy((user, address) -> address.equals("sales@example.com") || address.equals(user.name())).build();
        Smtp s = new Smtp(p).login();
        assertThat(s.cmd("MAIL FROM:<sales@example.com>")).startsWith("250 ");
        s.cmd("RSET");
        assertThat(s.cmd("MAIL FROM:<ceo@example.com>")).startsWith("550 5.7.1 ");
    }

    @Test
    void handler_context_carries_principal_mechanism_helo_and_tls() {
        Smtp s = new Smtp(protocol, MemoryConnection.builder().implicitTls(true)).login();
        s.cmd("MAIL FROM:<alice@example.com>");
        SubmissionContext ctx = handler.contexts.get(0);
        assertThat(ctx.principal().orElseThrow().name()).isEqualTo("alice@example.com");
        assertThat(ctx.authMechanism()).contains("PLAIN");
        assertThat(ctx.helo()).isEqualTo("client.example");
        assertThat(ctx.esmtp()).isTrue();
        assertThat(ctx.tls()).isPresent();
        assertThat(ctx.client().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void requireAuth_false_accepts_anonymous_mail() {
        SubmissionProtocol p = SubmissionProtocol.builder(auth, handler).requireAuth(false).build();
        Smtp s = new Smtp(p);
        s.ehlo();
        assertThat(s.cmd("MAIL FROM:<anyone@example.net>")).startsWith("250 ");
        assertThat(handler.contexts.get(0).principal()).isEmpty();
    }

    /**
     * {@code auth}, but every successful SASL exchange carries {@code data} as additional data (as a
     * SCRAM server-final message does), so the final-334 path can be tested with PLAIN.
     */
    static AuthService withAdditionalData(AuthService auth, String data) {
        return new AuthService() {
            @Override
            public List<String> mechanisms(AuthContext ctx) {
                return auth.mechanisms(ctx);
            }

            @Override
            public boolean plaintextAllowed(AuthContext ctx) {
                return auth.plaintextAllowed(ctx);
            }

            @Override
            public Optional<SaslServer> startSasl(String mechanism, AuthContext ctx) {
                return auth.startSasl(mechanism, ctx).map(sasl -> new SaslServer() {
                    @Override
                    public String mechanism() {
                        return sasl.mechanism();
                    }

                    @Override
                    public SaslStep evaluate(byte[] response) {
                        SaslStep step = sasl.evaluate(response);
                        return step instanceof SaslStep.Success ok
                                ? new SaslStep.Success(ok.principal(), data.getBytes(StandardCharsets.US_ASCII))
                                : step;
                    }

                    @Override
                    public SaslStep cancel() {
                        return sasl.cancel();
                    }
                });
            }

            @Override
            public LoginResult login(String username, char[] password, AuthContext ctx) {
                return auth.login(username, password, ctx);
            }
        };
    }
}
