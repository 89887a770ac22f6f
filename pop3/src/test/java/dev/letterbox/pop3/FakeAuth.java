package dev.letterbox.pop3;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.LoginResult;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only AuthService: users with passwords; PLAIN (only where plaintext is allowed) and a
 * challenge-based X-TEST mechanism ({@code + who?} → {@code user:password}; users whose name starts
 * with {@code extra} get success with additional data). Users {@code temp} and {@code denied} fail
 * with TEMPORARY and NOT_PERMITTED.
 */
final class FakeAuth implements AuthService {
    final Map<String, String> users = new ConcurrentHashMap<>();
    volatile boolean plaintextEverywhere;
    volatile boolean apop;

    FakeAuth user(String name, String password) {
        users.put(name, password);
        return this;
    }

    @Override
    public List<String> mechanisms(AuthContext ctx) {
        List<String> m = new ArrayList<>();
        if (plaintextAllowed(ctx)) m.add("PLAIN");
        m.add("X-TEST");
        return m;
    }

    @Override
    public boolean plaintextAllowed(AuthContext ctx) {
        return plaintextEverywhere || ctx.tls() || ctx.fromLoopback();
    }

    @Override
    public Optional<SaslServer> startSasl(String mechanism, AuthContext ctx) {
        if (!mechanisms(ctx).contains(mechanism)) return Optional.empty();
        return Optional.of(mechanism.equals("PLAIN") ? new Plain() : new XTest());
    }

    @Override
    public LoginResult login(String username, char[] password, AuthContext ctx) {
        if (!plaintextAllowed(ctx)) return new LoginResult.PlaintextDisallowed();
        return check(username, new String(password));
    }

    private LoginResult check(String username, String password) {
        if (username.equals("temp")) return new LoginResult.Failure(FailureKind.TEMPORARY);
        if (username.equals("denied")) return new LoginResult.Failure(FailureKind.NOT_PERMITTED);
        String expected = users.get(username);
        return expected != null && expected.equals(password)
                ? new LoginResult.Success(new Principal(username))
                : new LoginResult.Failure(FailureKind.INVALID_CREDENTIALS);
    }

    private SaslStep step(LoginResult r, byte[] extra) {
        if (r instanceof LoginResult.Success s) return new SaslStep.Success(s.principal(), extra);
        if (r instanceof LoginResult.Failure f) return new SaslStep.Failure(f.kind(), "test");
        return new SaslStep.Failure(FailureKind.NOT_PERMITTED, "plaintext");
    }

    @Override
    public boolean apopEnabled() {
        return apop;
    }

    @Override
    public LoginResult apop(String username, String timestamp, String digest, AuthContext ctx) {
        String secret = users.get(username);
        if (secret == null || !digest.equals(md5(timestamp + secret))) {
            return new LoginResult.Failure(FailureKind.INVALID_CREDENTIALS);
        }
        return new LoginResult.Success(new Principal(username));
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private final class Plain implements SaslServer {
        @Override
        public String mechanism() {
            return "PLAIN";
        }

        @Override
        public SaslStep evaluate(byte[] response) {
            if (response.length == 0) return new SaslStep.Challenge(new byte[0]);
            String[] parts = new String(response, StandardCharsets.UTF_8).split("\0", -1);
            if (parts.length != 3) return new SaslStep.Failure(FailureKind.MALFORMED, "bad PLAIN");
            return step(check(parts[1], parts[2]), new byte[0]);
        }
    }

    private final class XTest implements SaslServer {
        private boolean asked;

        @Override
        public String mechanism() {
            return "X-TEST";
        }

        @Override
        public SaslStep evaluate(byte[] response) {
            if (!asked) {
                asked = true;
                return new SaslStep.Challenge("who?".getBytes(StandardCharsets.US_ASCII));
            }
            String[] parts = new String(response, StandardCharsets.UTF_8).split(":", 2);
            if (parts.length != 2) return new SaslStep.Failure(FailureKind.MALFORMED, "bad X-TEST");
            byte[] extra = parts[0].startsWith("extra") ? "welcome".getBytes(StandardCharsets.US_ASCII) : new byte[0];
            return step(check(parts[0], parts[1]), extra);
        }
    }
}
