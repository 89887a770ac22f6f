package dev.letterbox.core.auth.sasl;

/**
 * One SASL exchange on the server side, sans-I/O: the protocol layer decodes the client's base64
 * response, calls {@link #evaluate}, and encodes the resulting challenge in its own syntax
 * ({@code + ...} in IMAP and POP3, {@code 334 ...} in SMTP).
 */
public interface SaslServer {
    /** The mechanism name, e.g. {@code SCRAM-SHA-256}. */
    String mechanism();

    /**
     * Feeds the next client response. The first call carries the initial response if the client sent
     * one (SASL-IR), or an empty array if it did not; mechanisms that need a server-first challenge
     * answer with {@link SaslStep.Challenge}.
     */
    SaslStep evaluate(byte[] response);

    /**
     * The client cancelled the exchange (a {@code *} line in IMAP, POP3 and SMTP, RFC 4422 §3.5). Ends
     * the exchange; the protocol answers with its failure reply. Later {@link #evaluate} calls fail.
     */
    default SaslStep cancel() {
        return new SaslStep.Failure(SaslStep.FailureKind.CANCELLED, "cancelled by client");
    }
}
