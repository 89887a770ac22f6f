package dev.letterbox.smtp.internal;

import dev.letterbox.core.store.StoreException;
import dev.letterbox.smtp.SmtpException;

/** The one place where handler and store failures become SMTP replies (RFC 3463 codes). */
public final class Failures {
    private static final System.Logger LOG = System.getLogger(Failures.class.getName());

    private Failures() {
    }

    public static SmtpException toSmtp(RuntimeException e, String sessionId) {
        if (e instanceof SmtpException s) return s;
        if (e instanceof StoreException.OverQuota) return new SmtpException(552, "5.2.2", "Mailbox full");
        if (e instanceof StoreException.NoSuchMailbox) return new SmtpException(550, "5.1.1", "Mailbox unavailable");
        if (e instanceof StoreException.PermissionDenied) return new SmtpException(550, "5.7.1", "Delivery not authorized");
        if (e instanceof StoreException.NotAllowed) return new SmtpException(550, "5.2.0", "Mailbox not accepting messages");
        if (e instanceof StoreException.TemporaryFailure) {
            LOG.log(System.Logger.Level.WARNING, () -> "[" + sessionId + "] temporary store failure", e);
            return new SmtpException(451, "4.3.0", "Temporary local problem, try again later");
        }
        LOG.log(System.Logger.Level.ERROR, () -> "[" + sessionId + "] submission failed", e);
        return new SmtpException(451, "4.3.0", "Local error in processing");
    }
}
