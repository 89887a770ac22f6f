package dev.letterbox.imap4;

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

/**
 * A small AuthService for protocol tests: fixed users, PLAIN (and a two-step TEST mechanism that
 * needs a server challenge), plaintext allowed on TLS or loopback.
 */
public final class TestAuth implements AuthService {
    private final Map<String, String> users;

    public TestAuth(Map<String, String> users) {
        this.users = Map.copyOf(users);
    }

    @Override
    public List<String> mechanisms(AuthContext ctx) {
        return plaintextAllowed(ctx) ? List.of("PLAIN", "X-TEST") : List.of("X-TEST");
    }

    @Override
    public boolean plaintextAllowed(AuthContext ctx) {
        return ctx.tls() || ctx.fromLoopback();
    }

    @Override
    public Optional<SaslServer> startSasl(String mechanism, AuthContext ctx) {
        if (mechanism.equals("PLAIN") && plaintextAllowed(ctx)) return Optional.of(new Plain());
        if (mechanism.equals("X-TEST")) return Optional.of(new TwoStep());
        return Optional.empty();
    }

    @Override
    public LoginResult login(String username, char[] password, AuthContext ctx) {
        if (!plaintextAllowed(ctx)) return new LoginResult.PlaintextDisallowed();
        if (new String(password).equals(users.get(username))) return new LoginResult.Success(new Principal(username));
        return new LoginResult.Failure(SaslStep.FailureKind.INVALID_CREDENTIALS);
    }

    private SaslStep check(String user, String pass) {
        if (pass.equals(users.get(user))) return new SaslStep.Success(new Principal(user), new byte[0]);
        return new SaslStep.Failure(SaslStep.FailureKind.INVALID_CREDENTIALS, "bad password");
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
            if (p.length != 3) return new SaslStep.Failure(SaslStep.FailureKind.MALFORMED, "parts");
            return check(p[1], p[2]);
        }
    }

    /** Server asks "user?" then "pass?". */
    private final class TwoStep implements SaslServer {
        private int step;
        private String user;

        @Override
        public String mechanism() {
            return "X-TEST";
        }

        @Override
        public SaslStep evaluate(byte[] response) {
            String r = new String(response, StandardCharsets.UTF_8);
            switch (step++) {
                case 0:
                    return new SaslStep.Challenge("user?".getBytes(StandardCharsets.UTF_8));
                case 1:
                    user = r;
                    return new SaslStep.Challenge("pass?".getBytes(StandardCharsets.UTF_8));
                default:
                    return check(user, r);
            }
        }
    }
}
