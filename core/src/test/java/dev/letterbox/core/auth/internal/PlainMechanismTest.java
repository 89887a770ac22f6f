package dev.letterbox.core.auth.internal;

import static dev.letterbox.core.auth.Fixtures.bytes;
import static dev.letterbox.core.auth.Fixtures.failureKind;
import static dev.letterbox.core.auth.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.Fixtures;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PlainMechanismTest {
    static final UserRegistry USERS = UserRegistry.builder().iterations(64).build()
            .setPassword("alice@example.com", "s3cret".toCharArray());
    final AuthContext ctx = Fixtures.tls("imap");

    PlainMechanism plain() {
        return new PlainMechanism(USERS, ctx);
    }

    @Test
    void initial_response_with_good_credentials_succeeds_rfc4616_s2() {
        SaslStep.Success s = success(plain().evaluate(bytes("\0alice@example.com\0s3cret")));
        assertThat(s.principal().name()).isEqualTo("alice@example.com");
        assertThat(s.additionalData()).isEmpty();
    }

    @Test
    void without_initial_response_the_server_sends_an_empty_challenge() {
        PlainMechanism m = plain();
        assertThat(Fixtures.text(m.evaluate(new byte[0]))).isEmpty();
        success(m.evaluate(bytes("\0alice@example.com\0s3cret")));
    }

    @Test
    void authzid_equal_to_the_user_is_accepted_and_another_is_refused() {
        success(plain().evaluate(bytes("alice@example.com\0alice@example.com\0s3cret")));
        assertThat(failureKind(plain().evaluate(bytes("bob@example.com\0alice@example.com\0s3cret"))))
                .isEqualTo(FailureKind.INVALID_CREDENTIALS);
    }

    @Test
    void wrong_password_and_unknown_user_fail_as_invalid_credentials() {
        PlainMechanism m = plain();
        assertThat(failureKind(m.evaluate(bytes("\0alice@example.com\0wrong")))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        assertThat(m.attemptedUser()).isEqualTo("alice@example.com");
        assertThat(failureKind(plain().evaluate(bytes("\0nobody@example.com\0s3cret")))).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    }

    @Test
    void malformed_messages_are_rejected_rfc4616_s2() {
        for (String bad : new String[] {"alice@example.com\0s3cret", "\0alice@example.com\0s3cret\0", "\0\0s3cret",
                "\0alice@example.com\0", "no-nul-at-all", "\0\0"}) {
            assertThat(failureKind(plain().evaluate(bytes(bad)))).as(bad.replace('\0', '|')).isEqualTo(FailureKind.MALFORMED);
        }
        byte[] invalidUtf8 = {0, 'a', 0, (byte) 0xC3, (byte) 0x28};
        assertThat(failureKind(plain().evaluate(invalidUtf8))).isEqualTo(FailureKind.MALFORMED);
        byte[] overlongNul = {0, 'a', (byte) 0xC0, (byte) 0x80, 0, 'x'};
        assertThat(failureKind(plain().evaluate(overlongNul))).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void second_empty_response_is_malformed() {
        PlainMechanism m = plain();
        m.evaluate(new byte[0]);
        assertThat(failureKind(m.evaluate(new byte[0]))).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void cancel_ends_the_exchange_rfc4422_s3_5() {
        PlainMechanism m = plain();
        m.evaluate(new byte[0]);
        assertThat(failureKind(m.cancel())).isEqualTo(FailureKind.CANCELLED);
        assertThat(m.isDone()).isTrue();
        assertThat(failureKind(m.evaluate(bytes("\0alice@example.com\0s3cret")))).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void evaluate_after_success_is_refused() {
        PlainMechanism m = plain();
        success(m.evaluate(bytes("\0alice@example.com\0s3cret")));
        assertThat(failureKind(m.evaluate(bytes("\0alice@example.com\0s3cret")))).isEqualTo(FailureKind.MALFORMED);
    }

    @Test
    void utf8_credentials_work() {
        UserRegistry r = UserRegistry.builder().iterations(64).build().setPassword("jürgen@example.com", "pässwört€".toCharArray());
        success(new PlainMechanism(r, ctx).evaluate(bytes("\0jürgen@example.com\0pässwört€")));
    }

    @Provide
    Arbitrary<String> field() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20)
                .filter(s -> s.indexOf('\0') < 0 && s.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE))
                .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)))
                .filter(s -> SaslPrep.prepare(s.toCharArray()).length > 0);
    }

    /** A PLAIN message built from random fields authenticates iff the password matches. */
    @Property(tries = 80)
    void plain_authenticates_iff_password_matches(@ForAll("field") String user, @ForAll("field") String password,
                                                   @ForAll("field") String other, @ForAll boolean right) {
        String attempt = right ? password : other;
        UserRegistry r = UserRegistry.builder().iterations(2).build();
        String name = user.codePoints().filter(cp -> cp > ' ' && cp != 0x7f && cp != ':')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "u";
        r.setPassword(name, password.toCharArray());
        SaslStep step = new PlainMechanism(r, ctx).evaluate(bytes("\0" + name + "\0" + attempt));
        boolean same = java.util.Arrays.equals(SaslPrep.prepare(attempt.toCharArray()), SaslPrep.prepare(password.toCharArray()));
        if (same) {
            assertThat(success(step).principal().name()).isEqualTo(name);
        } else {
            assertThat(failureKind(step)).isEqualTo(FailureKind.INVALID_CREDENTIALS);
        }
    }

    @Property(tries = 20)
    void plain_with_random_other_password_fails(@ForAll("field") String password) {
        UserRegistry r = UserRegistry.builder().iterations(2).build().setPassword("u", password.toCharArray());
        SaslStep step = new PlainMechanism(r, ctx).evaluate(bytes("\0u\0" + password + "x"));
        assertThat(failureKind(step)).isEqualTo(FailureKind.INVALID_CREDENTIALS);
    }
}
