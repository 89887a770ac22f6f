package dev.letterbox.core.auth.internal;

import static dev.letterbox.core.auth.Fixtures.bytes;
import static dev.letterbox.core.auth.Fixtures.failureKind;
import static dev.letterbox.core.auth.Fixtures.success;
import static dev.letterbox.core.auth.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramSha256MechanismTest {
    static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

    static UserRegistry rfcUser() {
        byte[] salted = Crypto.pbkdf2("pencil".toCharArray(), Base64.getDecoder().decode(SALT), 4096);
        return UserRegistry.forTests().addUser("user",
                "{PBKDF2-SHA256}4096$" + SALT + "$" + Base64.getEncoder().encodeToString(salted));
    }

    static ScramSha256Mechanism server(UserRegistry users, String serverNonce) {
        return new ScramSha256Mechanism(new ScramSha256Mechanism.Config(users, () -> serverNonce, new byte[32], 4096));
    }

    @Test
    void rfc7677_s3_example_exchange() {
        ScramSha256Mechanism m = server(rfcUser(), SERVER_NONCE);
        assertThat(text(m.evaluate(bytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        SaslStep.Success s = success(m.evaluate(bytes(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")));
        assertThat(new String(s.additionalData(), StandardCharsets.UTF_8))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        assertThat(s.principal().name()).isEqualTo("user");
    }

    @Test
    void rfc7677_example_with_a_wrong_proof_fails() {
        ScramSha256Mechanism m = server(rfcUser(), SERVER_NONCE);
        m.evaluate(bytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertThat(failureKind(m.evaluate(bytes(
                "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=eHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))))
                .isEqualTo(FailureKind.INVALID_CREDENTIALS);
    }

    @Test
    void full_exchange_with_a_password_set_in_clear_and_without_initial_response() {
        UserRegistry users = UserRegistry.forTests().setPassword("Bob,=x@example.com", "correct horse".toCharArray());
        ScramSha256Mechanism m = server(users, ScramSha256Mechanism.randomNonce());
        ScramTestClient client = new ScramTestClient("bob,=X@example.com", "correct horse");
        assertThat(text(m.evaluate(new byte[0]))).isEmpty();
        String serverFirst = text(m.evaluate(bytes(client.first())));
        SaslStep.Success s = success(m.evaluate(bytes(client.fin(serverFirst))));
        assertThat(new String(s.additionalData(), StandardCharsets.UTF_8)).isEqualTo(client.expectedServerFinal());
        assertThat(s.principal().name()).as("canonical principal").isEqualTo("Bob,=x@example.com");
    }

    @Test
    void gs2_flag_y_is_accepted_because_plus_is_never_offered_rfc5802_s6() {
        UserRegistry users = UserRegistry.forTests().setPassword("u", "pw".toCharArray());
        ScramTestClient client = new ScramTestClient("u", "pw", "abc", "y,,");
        ScramSha256Mechanism m = server(users, "srv");
        success(m.evaluate(bytes(client.fin(text(m.evaluate(bytes(client.first())))))));
    }

    @Test
    void wrong_password_fails() {
        UserRegistry users = UserRegistry.forTests().setPassword("u", "pw".toCharArray());
        ScramTestClient client = new ScramTestClient("u", "other");
        ScramSha256Mechanism m = server(users, "srv");
        assertThat(failureKind(m.evaluate(bytes(client.fin(text(m.evaluate(bytes(client.first())))))))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        assertThat(m.attemptedUser()).isEqualTo("u");
    }

    @Test
    void unknown_user_gets_a_stable_fake_salt_and_fails_rfc5802_s9() {
        UserRegistry users = UserRegistry.forTests();
        ScramSha256Mechanism.Config config = new ScramSha256Mechanism.Config(users, () -> "srv", new byte[32], 4096);
        String first1 = text(new ScramSha256Mechanism(config).evaluate(bytes("n,,n=ghost,r=abc")));
        String first2 = text(new ScramSha256Mechanism(config).evaluate(bytes("n,,n=ghost,r=abc")));
        assertThat(first1).isEqualTo(first2).matches("r=abcsrv,s=[A-Za-z0-9+/=]+,i=4096");
        ScramSha256Mechanism m = new ScramSha256Mechanism(config);
        ScramTestClient client = new ScramTestClient("ghost", "anything", "abc", "n,,");
        String sf = text(m.evaluate(bytes(client.first())));
        assertThat(failureKind(m.evaluate(bytes(client.fin(sf))))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    }

    @Test
    void channel_binding_p_and_mandatory_extension_and_bad_syntax_are_malformed() {
        UserRegistry users = UserRegistry.forTests().setPassword("u", "pw".toCharArray());
        for (String bad : new String[] {"p=tls-unique,,n=u,r=abc", "n,,m=ext,n=u,r=abc", "x,,n=u,r=abc", "n,,n=u",
                "n,,r=abc,n=u", "n,,n=u=,r=abc", "n,,n=u=2X,r=abc", "n,,n=,r=abc", "n,,n=u,r=", "n,,n=u,r=a b",
                "n,b=x,n=u,r=abc", "n", "n,,n=u,r=abc,1=x"}) {
            assertThat(failureKind(server(users, "srv").evaluate(bytes(bad)))).as(bad).isEqualTo(FailureKind.MALFORMED);
        }
        assertThat(failureKind(server(users, "srv").evaluate(new byte[] {'n', ',', ',', (byte) 0xFE}))).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void client_final_must_echo_gs2_header_nonce_and_carry_a_valid_proof() {
        UserRegistry users = UserRegistry.forTests().setPassword("u", "pw".toCharArray());
        ScramTestClient client = new ScramTestClient("u", "pw", "abc", "n,,");
        String good;
        {
            ScramSha256Mechanism m = server(users, "srv");
            good = client.fin(text(m.evaluate(bytes(client.first()))));
        }
        String otherCbind = good.replace("c=biws", "c=eSws");
        String otherNonce = good.replace("r=abcsrv", "r=abcsrX");
        String noProof = good.substring(0, good.indexOf(",p="));
        String shortProof = noProof + ",p=AAAA";
        String badBase64 = noProof + ",p=!!!!";
        assertThat(finalStep(users, client, otherCbind)).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        assertThat(finalStep(users, client, otherNonce)).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        assertThat(finalStep(users, client, noProof)).isEqualTo(FailureKind.MALFORMED);
        assertThat(finalStep(users, client, shortProof)).isEqualTo(FailureKind.MALFORMED);
        assertThat(finalStep(users, client, badBase64)).isEqualTo(FailureKind.MALFORMED);
        assertThat(finalStep(users, client, "r=abcsrv,c=biws" + good.substring(good.indexOf(",p=")))).isEqualTo(FailureKind.MALFORMED);
    }

    private static FailureKind finalStep(UserRegistry users, ScramTestClient client, String clientFinal) {
        ScramSha256Mechanism m = server(users, "srv");
        m.evaluate(bytes(client.first()));
        return failureKind(m.evaluate(bytes(clientFinal)));
    }

    @Test
    void authzid_of_another_user_is_not_permitted_but_own_is_fine() {
        UserRegistry users = UserRegistry.forTests().setPassword("u", "pw".toCharArray());
        ScramTestClient own = new ScramTestClient("u", "pw", "abc", "n,a=U,");
        ScramSha256Mechanism m = server(users, "srv");
        success(m.evaluate(bytes(own.fin(text(m.evaluate(bytes(own.first())))))));
        ScramTestClient other = new ScramTestClient("u", "pw", "abc", "n,a=root,");
        ScramSha256Mechanism n = server(users, "srv");
        assertThat(failureKind(n.evaluate(bytes(other.fin(text(n.evaluate(bytes(other.first())))))))).isEqualTo(FailureKind.NOT_PERMITTED);
    }

    @Test
    void cancel_after_server_first() {
        UserRegistry users = UserRegistry.forTests().setPassword("u", "pw".toCharArray());
        ScramSha256Mechanism m = server(users, "srv");
        m.evaluate(bytes("n,,n=u,r=abc"));
        assertThat(failureKind(m.cancel())).isEqualTo(FailureKind.CANCELLED);
        assertThat(failureKind(m.evaluate(bytes("c=biws,r=abcsrv,p=AAAA")))).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void scram_keys_stored_without_the_password_authenticate() {
        UserRegistry source = UserRegistry.forTests().setPassword("u", "pw".toCharArray());
        String scramOnly = new StoredPassword.Scram(source.scramSha256("u").orElseThrow()).format();
        UserRegistry users = UserRegistry.forTests().addUser("u", scramOnly);
        ScramTestClient client = new ScramTestClient("u", "pw");
        ScramSha256Mechanism m = server(users, "srv");
        success(m.evaluate(bytes(client.fin(text(m.evaluate(bytes(client.first())))))));
    }
}
