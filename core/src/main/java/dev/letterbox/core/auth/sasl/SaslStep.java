package dev.letterbox.core.auth.sasl;

import dev.letterbox.core.auth.Principal;

/** What a {@link SaslServer} answers to a client response. */
public sealed interface SaslStep {
    /** Send this challenge (possibly empty) and wait for another response. */
    record Challenge(byte[] data) implements SaslStep { }

    /**
     * Authenticated. {@code additionalData} (may be empty) is sent with the success reply where the
     * protocol allows, or as a final empty-response challenge otherwise (RFC 4422 §4).
     */
    record Success(Principal principal, byte[] additionalData) implements SaslStep { }

    /** Failed; the protocol answers with its failure reply. The reason is for logs only. */
    record Failure(FailureKind kind, String reason) implements SaslStep { }

    enum FailureKind {
        /** Wrong credentials: IMAP {@code [AUTHENTICATIONFAILED]}, POP3 {@code [AUTH]}, SMTP 535 5.7.8. */
        INVALID_CREDENTIALS,
        /** Malformed client message: IMAP BAD, SMTP 501. */
        MALFORMED,
        /** Valid credentials, but the access policy refuses this user here: IMAP {@code [AUTHORIZATIONFAILED]}. */
        NOT_PERMITTED,
        /** The client cancelled with {@code *}. */
        CANCELLED,
        /** A temporary backend failure: IMAP {@code [UNAVAILABLE]}, SMTP 454 4.7.0. */
        TEMPORARY
    }
}
