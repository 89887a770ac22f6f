package dev.letterbox.imap4.internal;

import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.store.StoreException;

/**
 * The one place where failures become IMAP response codes (RFC 5530, RFC 9051 §7.1). Exception text
 * never reaches the client.
 */
public final class ResponseCodes {
    private ResponseCodes() {
    }

    /**
     * @param missingMeansTryCreate the command's target mailbox is the missing one (APPEND, COPY,
     *                              MOVE): {@code [TRYCREATE]} instead of {@code [NONEXISTENT]}
     */
    public static Result forStore(StoreException e, boolean missingMeansTryCreate) {
        if (e instanceof StoreException.NoSuchMailbox) {
            return missingMeansTryCreate ? Result.no("TRYCREATE", "Mailbox does not exist")
                    : Result.no("NONEXISTENT", "Mailbox does not exist");
        }
        if (e instanceof StoreException.MailboxExists) return Result.no("ALREADYEXISTS", "Mailbox already exists");
        if (e instanceof StoreException.NoSuchMessage) {
            return Result.no("EXPUNGEISSUED", "Some of the requested messages no longer exist");
        }
        if (e instanceof StoreException.OverQuota) return Result.no("OVERQUOTA", "Quota exceeded");
        if (e instanceof StoreException.PermissionDenied) return Result.no("NOPERM", "Permission denied");
        if (e instanceof StoreException.NotAllowed) return Result.no("CANNOT", "Operation not possible here");
        if (e instanceof StoreException.TemporaryFailure) {
            return Result.no("UNAVAILABLE", "Temporary failure, try again later");
        }
        return serverBug();
    }

    /** An unexpected failure of ours or of the store. */
    public static Result serverBug() {
        return Result.no("SERVERBUG", "Internal error; the problem has been logged");
    }

    /** SASL and login failures. */
    public static Result forAuthFailure(SaslStep.FailureKind kind) {
        return switch (kind) {
            case INVALID_CREDENTIALS -> Result.no("AUTHENTICATIONFAILED", "Authentication failed");
            case NOT_PERMITTED -> Result.no("AUTHORIZATIONFAILED", "Not permitted to log in here");
            case MALFORMED -> Result.bad("Malformed authentication exchange");
            case CANCELLED -> Result.bad("Authentication cancelled");
            case TEMPORARY -> Result.no("UNAVAILABLE", "Authentication temporarily unavailable");
        };
    }

    public static Result privacyRequired() {
        return Result.no("PRIVACYREQUIRED", "Plaintext authentication is not allowed without TLS");
    }
}
