package dev.letterbox.smtp;

/**
 * Host SPI: receives what clients submit. The protocol machine has already checked syntax, limits,
 * authentication and the envelope sender (see {@link SenderPolicy}); the handler decides per
 * recipient and takes the message.
 *
 * <p>{@link #open} is called on the first {@code MAIL} of a connection after authentication (and
 * again after a new EHLO/HELO, which changes the context). Implementations must be thread-safe:
 * every connection opens its own session from the same handler.
 *
 * @see dev.letterbox.smtp.delivery.LocalDelivery
 * @see dev.letterbox.smtp.delivery.SmarthostRelay
 */
@FunctionalInterface
public interface SubmissionHandler {
    /**
     * Starts a submission session.
     *
     * @throws SmtpException to refuse the client (e.g. {@code 421 4.3.2} or {@code 550 5.7.1}); the
     *                       reply is sent in answer to the MAIL command
     */
    SubmissionSession open(SubmissionContext context);
}
