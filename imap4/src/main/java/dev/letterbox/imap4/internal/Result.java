package dev.letterbox.imap4.internal;

/**
 * The tagged completion of a command: {@code OK}, {@code NO} or {@code BAD}, an optional response
 * code (without brackets) and human-readable text (RFC 9051 §7.1).
 */
public record Result(String status, String code, String text) {
    public static Result ok(String text) {
        return new Result("OK", null, text);
    }

    public static Result ok(String code, String text) {
        return new Result("OK", code, text);
    }

    public static Result no(String code, String text) {
        return new Result("NO", code, text);
    }

    public static Result bad(String text) {
        return new Result("BAD", null, text);
    }

    public static Result bad(String code, String text) {
        return new Result("BAD", code, text);
    }

    public boolean isBad() {
        return status.equals("BAD");
    }
}
