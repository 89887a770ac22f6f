package dev.letterbox.imap4.fetch;

/** A syntax error in FETCH arguments; the message is safe to send in a tagged BAD. */
public final class FetchParseException extends Exception {
    public FetchParseException(String message) {
        super(message);
    }
}
