package dev.letterbox.imap4.fetch;

import java.util.Optional;

/**
 * A FETCH item that cannot be answered for this message, e.g. BINARY of a part with an unknown
 * Content-Transfer-Encoding ({@code UNKNOWN-CTE}, RFC 3516 §4.3). The protocol machine answers the
 * command with {@code NO [code] text}; text is safe for clients.
 */
public final class FetchException extends Exception {
    private final String code;

    public FetchException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Response code without brackets, e.g. {@code UNKNOWN-CTE}, or empty. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
