package dev.letterbox.smtp;

import dev.letterbox.core.store.MessageSource;

/**
 * One client's submissions, transaction by transaction: {@link #mailFrom}, one {@link #rcptTo} per
 * recipient, then {@link #data} once; {@link #reset} ends every transaction that got past
 * {@code mailFrom} (after {@code data}, RSET, a new EHLO/HELO, a rejected message, or a disconnect).
 * Used by one connection thread at a time. Refuse with {@link SmtpException}; a
 * {@link dev.letterbox.core.store.StoreException} is mapped to an SMTP reply by the protocol, any
 * other exception becomes {@code 451 4.3.0} (its text is logged, never sent).
 */
public interface SubmissionSession extends AutoCloseable {
    /** The envelope sender was accepted by the protocol and the sender policy. */
    default void mailFrom(MailFrom mail) {
    }

    /** Accepts or refuses (by throwing) one recipient. */
    default void rcptTo(RcptTo rcpt) {
    }

    /**
     * Takes the message: the client's bytes exactly as received (dot-unstuffed, CRLF line endings)
     * with the trace header and, where configured, a missing Date or Message-ID added at the top.
     * The source is only valid during this call (its spool file is deleted afterwards); copy or
     * consume it before returning. Returning normally answers {@code 250 2.0.0}.
     */
    void data(MessageSource message);

    /** The current transaction is over; forget its envelope. */
    default void reset() {
    }

    /** The connection is gone or the context changed. */
    @Override
    default void close() {
    }
}
