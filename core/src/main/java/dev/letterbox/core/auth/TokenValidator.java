package dev.letterbox.core.auth;

import java.util.Optional;

/** Host SPI for OAUTHBEARER (RFC 7628) and XOAUTH2: checks a bearer token. */
public interface TokenValidator {
    /**
     * @param username the user the client claims (may be empty for OAUTHBEARER without authzid)
     * @param token    the bearer token
     * @return the principal if the token is valid for that user
     */
    Optional<Principal> validate(Optional<String> username, String token, AuthContext ctx);
}
