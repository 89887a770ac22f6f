package dev.letterbox.core.auth.internal;

import static dev.letterbox.core.auth.Fixtures.bytes;
import static dev.letterbox.core.auth.Fixtures.failureKind;
import static dev.letterbox.core.auth.Fixtures.success;
import static dev.letterbox.core.auth.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.Fixtures;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.auth.TokenValidator;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerMechanismTest {
    static final String TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";
    final List<String> seen = new ArrayList<>();
    final TokenValidator validator = (user, token, ctx) -> {
        seen.add(user.orElse("-") + "/" + token);
        return token.equals(TOKEN) ? Optional.of(new Principal(user.orElse("owner@example.com"))) : Optional.empty();
    };

    OAuthBearerMechanism oauth() {
        return new OAuthBearerMechanism(validator, Fixtures.tls("imap"), Optional.of("mail"),
                Optional.of("https://example.com/.well-known/openid-configuration"));
    }

    XOAuth2Mechanism xoauth() {
        return new XOAuth2Mechanism(validator, Fixtures.tls("imap"), Optional.empty());
    }

    @Test
    void oauthbearer_rfc7628_s4_1_example_succeeds() {
        OAuthBearerMechanism m = oauth();
        String msg = "n,a=user@example.com,\u0001host=server.example.com\u0001port=143\u0001auth=Bearer " + TOKEN + "\u0001\u0001";
        assertThat(success(m.evaluate(bytes(msg))).principal().name()).isEqualTo("user@example.com");
        assertThat(seen).containsExactly("user@example.com/" + TOKEN);
    }

    @Test
    void oauthbearer_without_authzid_and_without_initial_response() {
        OAuthBearerMechanism m = oauth();
        assertThat(text(m.evaluate(new byte[0]))).isEmpty();
        assertThat(success(m.evaluate(bytes("n,,\u0001auth=bearer  " + TOKEN + "\u0001\u0001"))).principal().name())
                .isEqualTo("owner@example.com");
    }

    @Test
    void oauthbearer_bad_token_sends_json_error_then_fails_after_dummy_response_rfc7628_s3_2_3() {
        OAuthBearerMechanism m = oauth();
        String json = text(m.evaluate(bytes("n,a=user@example.com,\u0001auth=Bearer bad\u0001\u0001")));
        assertThat(json).isEqualTo("{\"status\":\"invalid_token\",\"scope\":\"mail\","
                + "\"openid-configuration\":\"https://example.com/.well-known/openid-configuration\"}");
        assertThat(m.failurePending()).isTrue();
        assertThat(m.attemptedUser()).isEqualTo("user@example.com");
        assertThat(failureKind(m.evaluate(new byte[] {1}))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    }

    @Test
    void oauthbearer_malformed_messages() {
        for (String bad : new String[] {
                "n,,auth=Bearer " + TOKEN + "\u0001\u0001",                       // no kvsep after gs2 header
                "n,,\u0001auth=Bearer " + TOKEN + "\u0001",                         // no final kvsep
                "n,,\u0001host=x\u0001\u0001",                                       // no auth
                "p=tls-unique,,\u0001auth=Bearer " + TOKEN + "\u0001\u0001",        // channel binding
                "n,user,\u0001auth=Bearer " + TOKEN + "\u0001\u0001",               // bad authzid
                "n,,\u0001auth=Basic dXNlcjpwdw==\u0001\u0001",                    // not bearer
                "n,,\u0001auth=Bearer to ken\u0001\u0001",                          // not a b64token
                "n,,\u0001au th=Bearer " + TOKEN + "\u0001\u0001",                  // bad key
                "n,,\u0001auth=Bearer " + TOKEN + "\u0001auth=Bearer x\u0001\u0001", // duplicate key
                "\u0001"}) {
            assertThat(failureKind(oauth().evaluate(bytes(bad)))).as(bad).isEqualTo(FailureKind.MALFORMED);
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void oauthbearer_cancel() {
        OAuthBearerMechanism m = oauth();
        m.evaluate(new byte[0]);
        assertThat(failureKind(m.cancel())).isEqualTo(FailureKind.CANCELLED);
    }

    @Test
    void xoauth2_succeeds() {
        String msg = "user=someuser@example.com\u0001auth=Bearer " + TOKEN + "\u0001\u0001";
        assertThat(success(xoauth().evaluate(bytes(msg))).principal().name()).isEqualTo("someuser@example.com");
    }

    @Test
    void xoauth2_bad_token_returns_json_challenge_then_fails() {
        XOAuth2Mechanism m = xoauth();
        String json = text(m.evaluate(bytes("user=u@example.com\u0001auth=Bearer nope\u0001\u0001")));
        assertThat(json).isEqualTo("{\"status\":\"401\",\"schemes\":\"bearer\"}");
        assertThat(failureKind(m.evaluate(new byte[0]))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    }

    @Test
    void xoauth2_malformed() {
        for (String bad : new String[] {"user=u\u0001auth=Bearer " + TOKEN + "\u0001", "auth=Bearer " + TOKEN + "\u0001\u0001",
                "user=u\u0001\u0001", "user=\u0001auth=Bearer " + TOKEN + "\u0001\u0001", "garbage"}) {
            assertThat(failureKind(xoauth().evaluate(bytes(bad)))).as(bad).isEqualTo(FailureKind.MALFORMED);
        }
    }

    @Test
    void xoauth2_cancel_and_evaluate_after_end() {
        XOAuth2Mechanism m = xoauth();
        assertThat(failureKind(m.cancel())).isEqualTo(FailureKind.CANCELLED);
        assertThat(failureKind(m.evaluate(bytes("user=u\u0001auth=Bearer " + TOKEN + "\u0001\u0001")))).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void json_strings_are_escaped() {
        assertThat(BearerMechanism.json("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\u000a\"");
    }

    @Test
    void validator_exception_is_a_temporary_failure() {
        XOAuth2Mechanism m = new XOAuth2Mechanism((u, t, c) -> {
            throw new IllegalStateException("idp down");
        }, Fixtures.tls("smtp"), Optional.empty());
        assertThat(failureKind(m.evaluate(bytes("user=u\u0001auth=Bearer " + TOKEN + "\u0001\u0001")))).isEqualTo(FailureKind.TEMPORARY);
    }
}
