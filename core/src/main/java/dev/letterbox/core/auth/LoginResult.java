package dev.letterbox.core.auth;

import dev.letterbox.core.auth.sasl.SaslStep;

/** Outcome of a password login through {@link AuthService#login}. */
public sealed interface LoginResult {
    record Success(Principal principal) implements LoginResult { }

    /** @param kind why; protocols map it to their codes */
    record Failure(SaslStep.FailureKind kind) implements LoginResult { }

    /** Plaintext credentials are not allowed on this connection (IMAP [PRIVACYREQUIRED], POP3 -ERR [AUTH], SMTP 538). */
    record PlaintextDisallowed() implements LoginResult { }
}
