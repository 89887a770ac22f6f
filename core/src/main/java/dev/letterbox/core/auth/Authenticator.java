package dev.letterbox.core.auth;

import java.util.Optional;

/**
 * Host SPI that checks credentials. Every protocol and every SASL mechanism goes through it.
 * Implementations must be thread-safe and should compare secrets in constant time.
 */
public interface Authenticator {
    /**
     * Checks a user name and password (IMAP LOGIN, POP3 USER/PASS, SASL PLAIN and LOGIN).
     *
     * @param authzid the identity to act as, empty when the client did not ask for one; an
     *                implementation that does not support proxy logins returns empty when it differs
     * @return the principal on success
     */
    Optional<Principal> authenticate(String username, char[] password, Optional<String> authzid, AuthContext ctx);

    /** Stored SCRAM-SHA-256 keys of a user (RFC 5802 §3), for SCRAM-SHA-256; empty disables it for the user. */
    default Optional<ScramCredentials> scramSha256(String username) {
        return Optional.empty();
    }

    /**
     * Whether {@link #scramSha256} can return keys, so that SCRAM-SHA-256 is advertised by default.
     * Hosts that implement {@code scramSha256} should return true. Default: false.
     */
    default boolean scramSha256Supported() {
        return false;
    }

    /**
     * The canonical principal of a user who authenticated without going through {@link #authenticate}
     * (SCRAM-SHA-256), e.g. to map {@code Alice@Example.COM} to {@code alice@example.com}. Called only
     * after the user proved knowledge of the keys returned by {@link #scramSha256}. Default: the name as
     * given.
     */
    default Principal principalOf(String username) {
        return new Principal(username);
    }

    /**
     * The shared secret of a user in clear, needed only by POP3 APOP (RFC 1939 §7). Empty (the default)
     * means APOP is not offered.
     */
    default Optional<char[]> apopSecret(String username) {
        return Optional.empty();
    }

    /**
     * RFC 5802 salted keys.
     *
     * @param salt       the salt
     * @param iterations the PBKDF2 iteration count
     * @param storedKey  H(ClientKey)
     * @param serverKey  HMAC(SaltedPassword, "Server Key")
     */
    record ScramCredentials(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    }
}
