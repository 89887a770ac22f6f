package dev.letterbox.core.auth.internal;

import static dev.letterbox.core.auth.Fixtures.bytes;
import static dev.letterbox.core.auth.Fixtures.failureKind;
import static dev.letterbox.core.auth.Fixtures.success;
import static dev.letterbox.core.auth.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.Fixtures;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import org.junit.jupiter.api.Test;

class LoginMechanismTest {
    static final UserRegistry USERS = UserRegistry.builder().iterations(64).build()
            .setPassword("alice@example.com", "s3cret".toCharArray());

    LoginMechanism login() {
        return new LoginMechanism(USERS, Fixtures.tls("smtp"));
    }

    @Test
    void asks_username_then_password_and_succeeds() {
        LoginMechanism m = login();
        assertThat(text(m.evaluate(new byte[0]))).isEqualTo("Username:");
        assertThat(text(m.evaluate(bytes("alice@example.com")))).isEqualTo("Password:");
        assertThat(success(m.evaluate(bytes("s3cret"))).principal().name()).isEqualTo("alice@example.com");
    }

    @Test
    void initial_response_is_the_user_name() {
        LoginMechanism m = login();
        assertThat(text(m.evaluate(bytes("alice@example.com")))).isEqualTo("Password:");
        success(m.evaluate(bytes("s3cret")));
    }

    @Test
    void wrong_password_fails() {
        LoginMechanism m = login();
        m.evaluate(bytes("alice@example.com"));
        assertThat(failureKind(m.evaluate(bytes("nope")))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        assertThat(m.attemptedUser()).isEqualTo("alice@example.com");
    }

    @Test
    void malformed_user_or_password_is_rejected() {
        LoginMechanism m = login();
        m.evaluate(new byte[0]);
        assertThat(failureKind(m.evaluate(new byte[] {(byte) 0xFF, 'a'}))).isEqualTo(FailureKind.MALFORMED);
        LoginMechanism n = login();
        n.evaluate(bytes("alice@example.com"));
        assertThat(failureKind(n.evaluate(new byte[0]))).isEqualTo(FailureKind.MALFORMED);
        LoginMechanism o = login();
        o.evaluate(new byte[0]);
        assertThat(failureKind(o.evaluate(new byte[0]))).isEqualTo(FailureKind.MALFORMED);
        LoginMechanism p = login();
        assertThat(failureKind(p.evaluate(bytes("a\0b")))).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void cancel_at_the_password_prompt() {
        LoginMechanism m = login();
        m.evaluate(bytes("alice@example.com"));
        assertThat(failureKind(m.cancel())).isEqualTo(FailureKind.CANCELLED);
        assertThat(failureKind(m.evaluate(bytes("s3cret")))).isEqualTo(FailureKind.MALFORMED);
    }
}
