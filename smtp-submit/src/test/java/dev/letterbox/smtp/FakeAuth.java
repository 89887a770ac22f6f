package dev.letterbox.smtp;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.LoginResult;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test-only AuthService: PLAIN and LOGIN against a fixed map, plaintext allowed on TLS or loopback. */
final class FakeAuth implements AuthService {
    private final Map<String, String> users;
    /** Mechanism whose success carries additional data (tests RFC 4954 final challenge). */
    boolean additionalData;

    FakeAuth(Map<String, String> users) {
        this.users = users;
    }

    static FakeAuth standard() {
        return new FakeAuth(Map.of("alice@example.com", "secret", "bob@example.com", "hunter2"));
    }

    @Override
    public List<String> mechanisms(AuthContext ctx) {
        return plaintextAllowed(ctx) ? List.of("PLAIN", "LOGIN") : List.of();
    }

    @Override
    public boolean plaintextAllowed(AuthContext ctx) {
        return ctx.tls() || ctx.fromLoopback();
    }

    @Override
    public Optional<SaslServer> startSasl(String mechanism, AuthContext ctx) {
        if (!mechanisms(ctx).contains(mechanism)) return Optional.empty();
        return Optional.of(mechanism.equals("PLAIN") ? new Plain() : new Login());
    }

    @Override
    public LoginResult login(String username, char[] password, AuthContext ctx) {
        return check(username, new String(password)).<LoginResult>map(LoginResult.Success::new)
                .orElse(new LoginResult.Failure(SaslStep.FailureKind.INVALID_CREDENTIALS));
    }

    private Optional<Principal> check(String user, String pass) {
        return pass.equals(users.get(user)) ? Optional.of(new Principal(user)) : Optional.empty();
    }

    private SaslStep result(String user, String pass) {
        if (user.equals("tempfail")) return new SaslStep.Failure(SaslStep.FailureKind.TEMPORARY, "backend down");
        return check(user, pass).<SaslStep>map(p -> new SaslStep.Success(p,
                        additionalData ? "welcome".getBytes(StandardCharsets.US_ASCII) : new byte[0]))
                .orElse(new SaslStep.Failure(SaslStep.FailureKind.INVALID_CREDENTIALS, "bad password"));
    }

    private final class Plain implements SaslServer {
        @Override
        public String mechanism() {
            return "PLAIN";
        }

        @Override
        public SaslStep evaluate(byte[] response) {
            if (response.length == 0) return new SaslStep.Challenge(new byte[0]);
            String[] p = new String(response, StandardCharsets.UTF_8).split("\0", -1);
            if (p.length != 3) return new SaslStep.Failure(SaslStep.FailureKind.MALFORMED, "bad PLAIN");
            return result(p[1], p[2]);
        }
    }

    private final class Login implements SaslServer {
        private String user;
        private boolean first = true;

        @Override
        public String mechanism() {
            return "LOGIN";
        }

        @Override
        public SaslStep evaluate(byte[] response) {
            if (first && response.length == 0) {
                first = false;
                return new SaslStep.Challenge("Username:".getBytes(StandardCharsets.US_ASCII));
            }
            first = false;
            if (user == null) {
                user = new String(response, StandardCharsets.UTF_8);
                return new SaslStep.Challenge("Password:".getBytes(StandardCharsets.US_ASCII));
            }
            return result(user, new String(response, StandardCharsets.UTF_8));
        }
    }
}
