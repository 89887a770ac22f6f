package dev.letterbox.smtp;

import java.util.Objects;

/**
 * A typed SMTP refusal a {@link SubmissionSession} throws to answer a command: the basic reply code
 * (RFC 5321 §4.2), the enhanced status code (RFC 3463, e.g. {@code 5.1.1}) and the human-readable
 * text sent to the client. The text must not contain CR or LF; it is sent as given, so never put
 * internal details in it.
 */
public class SmtpException extends RuntimeException {
    private final int code;
    private final String enhancedCode;
    private final String text;

    public SmtpException(int code, String enhancedCode, String text) {
        super(code + " " + enhancedCode + " " + text);
        if (code < 400 || code > 599) throw new IllegalArgumentException("SMTP failure code must be 4xx or 5xx: " + code);
        Objects.requireNonNull(enhancedCode, "enhancedCode");
        Objects.requireNonNull(text, "text");
        if (!enhancedCode.matches("[45]\\.\\d{1,3}\\.\\d{1,3}") || enhancedCode.charAt(0) != (char) ('0' + code / 100)) {
            throw new IllegalArgumentException("enhanced code " + enhancedCode + " does not match " + code);
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) throw new IllegalArgumentException("CR/LF in reply text");
        this.code = code;
        this.enhancedCode = enhancedCode;
        this.text = text;
    }

    /** The three-digit reply code, 4xx (temporary) or 5xx (permanent). */
    public int code() {
        return code;
    }

    /** The RFC 3463 enhanced status code, e.g. {@code 5.7.1}. */
    public String enhancedCode() {
        return enhancedCode;
    }

    /** The reply text sent to the client. */
    public String text() {
        return text;
    }

    /** {@code true} for 4xx codes: the client may retry later. */
    public boolean isTemporary() {
        return code < 500;
    }
}
