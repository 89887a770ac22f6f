package dev.letterbox.smtp;

/**
 * What happens to a bare CR or bare LF (not part of a CRLF pair) in message data. Only
 * {@code <CRLF>.<CRLF>} ever ends DATA whatever the policy, which defeats SMTP smuggling.
 */
public enum LineEndingPolicy {
    /**
     * The default: the data is read to its real end and the message refused with
     * {@code 550 5.6.0}; nothing reaches the handler.
     */
    REJECT,
    /** Each bare CR or bare LF is stored as CRLF (it never starts a new line for dot-unstuffing). */
    NORMALIZE
}
