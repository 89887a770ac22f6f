package dev.letterbox.core.store;

/**
 * Base of the typed failures a store reports. Each protocol maps the subclasses to its wire codes in
 * exactly one place; the message text is for logs only and never reaches a client.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The named mailbox does not exist (IMAP NONEXISTENT / TRYCREATE). */
    public static final class NoSuchMailbox extends StoreException {
        public NoSuchMailbox(String message) {
            super(message);
        }
    }

    /** A mailbox with that name exists already (IMAP ALREADYEXISTS). */
    public static final class MailboxExists extends StoreException {
        public MailboxExists(String message) {
            super(message);
        }
    }

    /** A message with that UID no longer exists (IMAP EXPUNGEISSUED). */
    public static final class NoSuchMessage extends StoreException {
        public NoSuchMessage(String message) {
            super(message);
        }
    }

    /** Storage or message-count quota would be exceeded (IMAP OVERQUOTA, SMTP 552 5.2.2). */
    public static final class OverQuota extends StoreException {
        public OverQuota(String message) {
            super(message);
        }
    }

    /** The user may not do this (IMAP NOPERM). */
    public static final class PermissionDenied extends StoreException {
        public PermissionDenied(String message) {
            super(message);
        }
    }

    /** The operation is not possible in the mailbox's current state, e.g. deleting INBOX (IMAP CANNOT). */
    public static final class NotAllowed extends StoreException {
        public NotAllowed(String message) {
            super(message);
        }
    }

    /** A transient failure; the client may retry (IMAP UNAVAILABLE, SMTP 451). */
    public static final class TemporaryFailure extends StoreException {
        public TemporaryFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
