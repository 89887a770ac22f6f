package dev.letterbox.imap4.internal;

/** Ends a command early with a tagged NO or BAD; the text is client-presentable. */
public final class ImapException extends RuntimeException {
    private final transient Result result;

    public ImapException(Result result) {
        super(result.text(), null, false, false);
        this.result = result;
    }

    public static ImapException bad(String text) {
        return new ImapException(Result.bad(text));
    }

    public static ImapException no(String code, String text) {
        return new ImapException(Result.no(code, text));
    }

    public Result result() {
        return result;
    }
}
