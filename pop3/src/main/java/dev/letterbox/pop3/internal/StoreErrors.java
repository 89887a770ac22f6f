package dev.letterbox.pop3.internal;

import dev.letterbox.core.store.StoreException;

/**
 * The one place where storage failures become POP3 replies (RFC 3206 response codes). The exception
 * text is for logs only and never reaches the client.
 */
final class StoreErrors {
    private StoreErrors() {
    }

    /** The RFC 3206 code with its trailing space, or empty when no code fits. */
    static String code(StoreException e) {
        if (e instanceof StoreException.NoSuchMessage) return "";
        if (e instanceof StoreException.PermissionDenied
                || e instanceof StoreException.OverQuota
                || e instanceof StoreException.NotAllowed
                || e instanceof StoreException.NoSuchMailbox
                || e instanceof StoreException.MailboxExists) {
            return "[SYS/PERM] ";
        }
        return "[SYS/TEMP] "; // TemporaryFailure and unknown failures: the client may retry later
    }

    /** A complete {@code -ERR} line for a failure. */
    static String reply(StoreException e) {
        String text;
        if (e instanceof StoreException.NoSuchMessage) text = "Message was removed by another session";
        else if (e instanceof StoreException.PermissionDenied) text = "Permission denied";
        else if (e instanceof StoreException.OverQuota) text = "Quota exceeded";
        else if (e instanceof StoreException.TemporaryFailure) text = "Temporary storage failure, try again later";
        else if (e instanceof StoreException.NoSuchMailbox) text = "Mailbox does not exist";
        else if (e instanceof StoreException.NotAllowed) text = "Operation not allowed";
        else text = "Storage failure, try again later";
        return "-ERR " + code(e) + text;
    }
}
