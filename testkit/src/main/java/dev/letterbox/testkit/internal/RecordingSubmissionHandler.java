package dev.letterbox.testkit.internal;

import dev.letterbox.core.store.MessageSource;
import dev.letterbox.testkit.Submission;
import dev.letterbox.smtp.MailFrom;
import dev.letterbox.smtp.RcptTo;
import dev.letterbox.smtp.SmtpException;
import dev.letterbox.smtp.SubmissionContext;
import dev.letterbox.smtp.SubmissionHandler;
import dev.letterbox.smtp.SubmissionSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the host's (or the default) {@link SubmissionHandler}: every message the handler accepts is
 * recorded with its envelope, authentication and TLS facts. A scripted reply on the end of the data
 * vetoes the delivery here, so nothing is delivered or recorded for it.
 */
public final class RecordingSubmissionHandler implements SubmissionHandler {
    private final SubmissionHandler delegate;
    private final Env env;

    public RecordingSubmissionHandler(SubmissionHandler delegate, Env env) {
        this.delegate = delegate;
        this.env = env;
    }

    @Override
    public SubmissionSession open(SubmissionContext context) {
        return new Session(delegate.open(context), context);
    }

    private final class Session implements SubmissionSession {
        private final SubmissionSession inner;
        private final SubmissionContext context;
        private final List<String> recipients = new ArrayList<>();
        private String mailFrom = "";

        Session(SubmissionSession inner, SubmissionContext context) {
            this.inner = inner;
            this.context = context;
        }

        @Override
        public void mailFrom(MailFrom mail) {
            inner.mailFrom(mail);
            mailFrom = mail.address();
        }

        @Override
        public void rcptTo(RcptTo rcpt) {
            inner.rcptTo(rcpt);
            recipients.add(rcpt.address());
        }

        @Override
        public void data(MessageSource message) {
            if (env.vetoedData().remove(context.sessionId())) {
                throw new SmtpException(451, "4.3.0", "Refused by a scripted fault");
            }
            byte[] raw;
            try {
                raw = message.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            inner.data(MessageSource.ofBytes(raw));
            List<String> rcpts = List.copyOf(recipients);
            String from = mailFrom;
            env.recorder().submission(tap -> new Submission(tap.index, tap.service,
                    context.principal().map(p -> p.name()), context.authMechanism(), context.helo(), from, rcpts, raw,
                    context.tls(), Instant.now()), context.sessionId());
        }

        @Override
        public void reset() {
            recipients.clear();
            mailFrom = "";
            inner.reset();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
