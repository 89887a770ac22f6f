package dev.letterbox.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.auth.internal.Crypto;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserRegistryTest {
    final AuthContext ctx = Fixtures.tls("imap");

    boolean ok(UserRegistry r, String user, String password) {
        return r.authenticate(user, password.toCharArray(), Optional.empty(), ctx).isPresent();
    }

    @Test
    void pbkdf2_string_matches_an_independent_pbkdf2_hmac_sha256_vector() {
        // PBKDF2-HMAC-SHA256("password", "salt", 1, 32) = 120fb6cf...
        UserRegistry r = UserRegistry.forTests().addUser("u", "{PBKDF2-SHA256}1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=");
        assertThat(ok(r, "u", "password")).isTrue();
        assertThat(ok(r, "u", "Password")).isFalse();
    }

    @Test
    void hash_format_round_trips() {
        UserRegistry r = UserRegistry.builder().iterations(1000).build();
        String hashed = r.hash("tr0ub4dor&3".toCharArray());
        assertThat(hashed).matches("\\{PBKDF2-SHA256}1000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=");
        r.addUser("a@example.com", hashed);
        assertThat(r.passwordString("a@example.com")).contains(hashed);
        assertThat(ok(r, "a@example.com", "tr0ub4dor&3")).isTrue();
        assertThat(ok(r, "a@example.com", "tr0ub4dor&4")).isFalse();
        assertThat(r.hash("x".toCharArray())).as("fresh salt").isNotEqualTo(r.hash("x".toCharArray()));
    }

    @Test
    void plain_and_schemeless_passwords_are_hashed_on_load_and_not_kept() {
        UserRegistry r = UserRegistry.forTests().addUser("a", "{PLAIN}secret").addUser("b", "other{x}").addUser("c", "{plain}{weird}");
        assertThat(r.passwordString("a").orElseThrow()).startsWith("{PBKDF2-SHA256}4096$");
        assertThat(r.passwordString("b").orElseThrow()).startsWith("{PBKDF2-SHA256}");
        assertThat(ok(r, "a", "secret")).isTrue();
        assertThat(ok(r, "b", "other{x}")).isTrue();
        assertThat(ok(r, "c", "{weird}")).isTrue();
        assertThat(r.apopSecret("a")).isEmpty();
    }

    @Test
    void clear_secrets_are_kept_only_when_configured() {
        UserRegistry r = UserRegistry.builder().iterations(64).keepClearSecrets(true).build()
                .addUser("a", "{PLAIN}secret").addUser("b", UserRegistry.forTests().hash("x".toCharArray()));
        assertThat(r.apopSecret("A")).hasValueSatisfying(s -> assertThat(new String(s)).isEqualTo("secret"));
        assertThat(r.apopSecret("b")).as("hash given: no clear secret").isEmpty();
        assertThat(r.keepsClearSecrets()).isTrue();
    }

    @Test
    void unknown_scheme_and_bad_values_are_rejected() {
        UserRegistry r = UserRegistry.forTests();
        assertThatThrownBy(() -> r.addUser("a", "{MD5}abc")).hasMessageContaining("unknown password scheme");
        assertThatThrownBy(() -> r.addUser("a", "{PBKDF2-SHA256}x$c2FsdA==$Eg==")).hasMessageContaining("iterations");
        assertThatThrownBy(() -> r.addUser("a", "{PBKDF2-SHA256}10$c2FsdA==$Eg==")).hasMessageContaining("32 octets");
        assertThatThrownBy(() -> r.addUser("a", "{PBKDF2-SHA256}10$%%%$Eg==")).hasMessageContaining("salt");
        assertThatThrownBy(() -> r.addUser("a", "{PBKDF2-SHA256}10$c2FsdA==")).hasMessageContaining("ITERATIONS$SALT$HASH");
        assertThatThrownBy(() -> r.addUser("a", "{PBKDF2-SHA256}0$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs="))
                .hasMessageContaining("iterations");
        assertThatThrownBy(() -> r.addUser("a", "{PLAIN}")).hasMessageContaining("empty");
        assertThatThrownBy(() -> r.addUser("a", "")).hasMessageContaining("empty");
        assertThatThrownBy(() -> r.addUser("a b", "x")).hasMessageContaining("user name");
        assertThatThrownBy(() -> r.setPassword("a", new char[0])).hasMessageContaining("empty");
        assertThat(r.users()).isEmpty();
    }

    @Test
    void user_names_are_case_insensitive_and_the_principal_is_the_registered_name() {
        UserRegistry r = UserRegistry.forTests().setPassword("Alice@Example.com", "pw".toCharArray());
        assertThat(r.authenticate("alice@EXAMPLE.COM", "pw".toCharArray(), Optional.empty(), ctx))
                .contains(new Principal("Alice@Example.com"));
        assertThat(r.principalOf("ALICE@example.com").name()).isEqualTo("Alice@Example.com");
        assertThat(r.contains("alice@example.com")).isTrue();
        assertThat(r.removeUser("ALICE@EXAMPLE.COM")).isTrue();
        assertThat(ok(r, "Alice@Example.com", "pw")).isFalse();
    }

    @Test
    void authzid_must_be_the_user_itself() {
        UserRegistry r = UserRegistry.forTests().setPassword("a", "pw".toCharArray());
        assertThat(r.authenticate("a", "pw".toCharArray(), Optional.of("A"), ctx)).isPresent();
        assertThat(r.authenticate("a", "pw".toCharArray(), Optional.of("b"), ctx)).isEmpty();
    }

    @Test
    void scram_keys_follow_rfc5802_s3_from_the_password() {
        UserRegistry r = UserRegistry.forTests().setPassword("u", "pencil".toCharArray());
        Authenticator.ScramCredentials k = r.scramSha256("U").orElseThrow();
        byte[] salted = Crypto.pbkdf2("pencil".toCharArray(), k.salt(), k.iterations());
        assertThat(k.iterations()).isEqualTo(4096);
        assertThat(k.storedKey()).isEqualTo(Crypto.sha256(Crypto.hmac(salted, "Client Key")));
        assertThat(k.serverKey()).isEqualTo(Crypto.hmac(salted, "Server Key"));
        assertThat(r.scramSha256Supported()).isTrue();
        assertThat(r.scramSha256("nobody")).isEmpty();
    }

    @Test
    void scram_scheme_round_trips_and_checks_passwords_via_stored_key() {
        UserRegistry src = UserRegistry.forTests().setPassword("u", "pw".toCharArray());
        Authenticator.ScramCredentials k = src.scramSha256("u").orElseThrow();
        Base64.Encoder b64 = Base64.getEncoder();
        String line = "{SCRAM-SHA-256}" + k.iterations() + "$" + b64.encodeToString(k.salt()) + "$"
                + b64.encodeToString(k.storedKey()) + "$" + b64.encodeToString(k.serverKey());
        UserRegistry r = UserRegistry.forTests().addUser("u", line);
        assertThat(r.passwordString("u")).contains(line);
        assertThat(ok(r, "u", "pw")).isTrue();
        assertThat(ok(r, "u", "px")).isFalse();
    }

    @Test
    void saslprep_maps_non_ascii_spaces_and_normalizes_rfc4013() {
        UserRegistry r = UserRegistry.forTests().setPassword("u", "a\u00A0b\u00ADc".toCharArray());
        assertThat(ok(r, "u", "a bc")).isTrue();
        UserRegistry n = UserRegistry.forTests().setPassword("n", "\u2168".toCharArray()); // ROMAN NUMERAL NINE → "IX"
        assertThat(ok(n, "n", "IX")).isTrue();
    }

    @Test
    void users_file_parses_comments_blank_lines_and_passwords_with_colons() throws IOException {
        String text = "\uFEFF# demo users\n\nalice@example.com:{PLAIN}a:b c\r\n  bob@example.com :hunter2\n"
                + "carol@example.com:{PBKDF2-SHA256}1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=\n";
        UserRegistry r = UserRegistry.builder().iterations(64).build().addFrom(new StringReader(text));
        assertThat(r.users()).containsExactly("alice@example.com", "bob@example.com", "carol@example.com");
        assertThat(ok(r, "alice@example.com", "a:b c")).isTrue();
        assertThat(ok(r, "bob@example.com", "hunter2")).isTrue();
        assertThat(ok(r, "carol@example.com", "password")).isTrue();
    }

    @Test
    void users_file_errors_name_the_line_and_never_the_password() {
        assertError("a@x:pw\nno-colon-here\n", 2, "expected ADDRESS:PASSWORD");
        assertError("a@x:pw\n\nA@X:pw2\n", 3, "duplicate user A@X (first on line 1)");
        assertError("# c\na@x:{PBKDF2-SHA256}1$c2FsdA==$topsecret\n", 2, "hash is not valid base64");
        assertError("a@x:\n", 1, "empty password");
        assertError(":secretpw\n", 1, "empty user name");
        assertError("a b@x:secretpw\n", 1, "user name contains");
        assertError("a@x:{SHA}topsecret\n", 1, "unknown password scheme {SHA}");
    }

    private static void assertError(String text, int line, String problem) {
        UserRegistry r = UserRegistry.forTests();
        assertThatThrownBy(() -> r.addFrom(new StringReader(text)))
                .isInstanceOf(UserRegistry.UsersFileException.class)
                .hasMessageStartingWith("line " + line + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((UserRegistry.UsersFileException) e).line()).isEqualTo(line))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topsecret", "secretpw"));
        assertThat(r.users()).as("nothing added on error").isEmpty();
    }

    @Test
    void load_from_path_and_write_round_trip(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("users");
        Files.writeString(file, "alice@example.com:{PLAIN}pw1\nbob@example.com:pw2\n", StandardCharsets.UTF_8);
        UserRegistry r = UserRegistry.builder().iterations(64).build().addFrom(file);
        StringWriter out = new StringWriter();
        r.write(out);
        assertThat(out.toString()).doesNotContain("pw1", "pw2", "{PLAIN}").contains("alice@example.com:{PBKDF2-SHA256}64$");
        UserRegistry back = UserRegistry.parse(new StringReader(out.toString()));
        assertThat(ok(back, "alice@example.com", "pw1")).isTrue();
        assertThat(ok(back, "bob@example.com", "pw2")).isTrue();

        Files.writeString(file, "ok@x:pw\nbroken\n");
        assertThatThrownBy(() -> UserRegistry.load(file)).hasMessage(file + ":2: expected ADDRESS:PASSWORD");
    }

    @Test
    void concurrent_updates_and_logins_are_safe() throws Exception {
        UserRegistry r = UserRegistry.builder().iterations(16).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) {
                        String user = "u" + id + "-" + i;
                        r.setPassword(user, ("p" + i).toCharArray());
                        if (!ok(r, user, "p" + i) || ok(r, user, "q" + i)) return false;
                    }
                    return true;
                }));
            }
            start.countDown();
            for (Future<Boolean> f : results) assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(r.users()).hasSize(400);
        } finally {
            pool.shutdownNow();
        }
    }
}
