package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.Authenticator;
import dev.letterbox.core.auth.sasl.SaslStep;
import java.util.Optional;

/**
 * The LOGIN mechanism (draft-murchison-sasl-login): challenges {@code Username:} and {@code Password:};
 * an initial response is the user name (as SMTP {@code AUTH LOGIN <b64 user>} sends it). Raw bytes in and
 * out: the protocol does the base64.
 */
public final class LoginMechanism extends Mechanism {
    public static final String USERNAME_CHALLENGE = "Username:";
    public static final String PASSWORD_CHALLENGE = "Password:";

    private final Authenticator authenticator;
    private final AuthContext ctx;
    private String username;

    public LoginMechanism(Authenticator authenticator, AuthContext ctx) {
        this.authenticator = authenticator;
        this.ctx = ctx;
    }

    @Override
    public String mechanism() {
        return "LOGIN";
    }

    @Override
    protected SaslStep step(int round, byte[] response) {
        if (username == null) {
            if (round == 0 && response.length == 0) return challenge(USERNAME_CHALLENGE);
            Optional<String> user = Mechanism.utf8(response);
            if (user.isEmpty() || user.get().isEmpty() || containsNul(user.get())) return malformed("bad LOGIN user name");
            username = user.get();
            attemptedUser(username);
            return challenge(PASSWORD_CHALLENGE);
        }
        Optional<String> password = Mechanism.utf8(response);
        if (password.isEmpty() || password.get().isEmpty() || containsNul(password.get())) return malformed("bad LOGIN password");
        return checkPassword(authenticator, username, password.get(), Optional.empty(), ctx);
    }
}
