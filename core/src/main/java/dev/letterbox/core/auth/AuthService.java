package dev.letterbox.core.auth;

import dev.letterbox.core.auth.sasl.SaslServer;
import java.util.List;
import java.util.Optional;

/**
 * What protocol machines call to log users in: the {@link Authenticator}, the SASL mechanisms, the
 * access policy (who may log in by which protocol), the plaintext rule and the failed-login delay, in
 * one place. Thread-safe.
 */
public interface AuthService {
    /**
     * SASL mechanisms to advertise on a connection in this state. Mechanisms that send a password in
     * clear (PLAIN, LOGIN) are left out when {@link #plaintextAllowed} is false.
     */
    List<String> mechanisms(AuthContext ctx);

    /** Whether credentials in clear may be sent on this connection (TLS, loopback, or configured). */
    boolean plaintextAllowed(AuthContext ctx);

    /** Starts a SASL exchange; empty if the mechanism is unknown or not offered in this state. */
    Optional<SaslServer> startSasl(String mechanism, AuthContext ctx);

    /**
     * A password login (IMAP LOGIN, POP3 USER/PASS). Applies the access policy and, on failure, the
     * configured delay (the calling thread sleeps; run sessions on virtual threads or a pool sized for it).
     */
    LoginResult login(String username, char[] password, AuthContext ctx);

    /** Whether APOP can be offered (the authenticator has clear secrets and APOP is enabled). */
    default boolean apopEnabled() {
        return false;
    }

    /** RFC 1939 §7 APOP check of {@code digest} = MD5(timestamp + secret) in hex. */
    default LoginResult apop(String username, String timestamp, String digest, AuthContext ctx) {
        return new LoginResult.Failure(dev.letterbox.core.auth.sasl.SaslStep.FailureKind.INVALID_CREDENTIALS);
    }
}
