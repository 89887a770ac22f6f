package dev.letterbox.smtp;

import dev.letterbox.core.store.MessageSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Test-only handler recording every call; recipients in {@link #reject} are refused with 550 5.1.1. */
final class RecordingHandler implements SubmissionHandler {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<SubmissionContext> contexts = new CopyOnWriteArrayList<>();
    final List<MailFrom> mails = new CopyOnWriteArrayList<>();
    final List<RcptTo> rcpts = new CopyOnWriteArrayList<>();
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    Set<String> reject = Set.of();
    RuntimeException dataFailure;
    Consumer<MessageSource> duringData = m -> { };

    @Override
    public SubmissionSession open(SubmissionContext context) {
        contexts.add(context);
        calls.add("open");
        return new SubmissionSession() {
            @Override
            public void mailFrom(MailFrom mail) {
                calls.add("mailFrom " + mail.address());
                mails.add(mail);
            }

            @Override
            public void rcptTo(RcptTo rcpt) {
                if (reject.contains(rcpt.address())) throw new SmtpException(550, "5.1.1", "No such user here");
                calls.add("rcptTo " + rcpt.address());
                rcpts.add(rcpt);
            }

            @Override
            public void data(MessageSource message) {
                calls.add("data");
                duringData.accept(message);
                if (dataFailure != null) throw dataFailure;
                try {
                    byte[] b = message.readAllBytes();
                    if (b.length != message.size()) throw new AssertionError("size " + message.size() + " != " + b.length);
                    messages.add(b);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void reset() {
                calls.add("reset");
            }

            @Override
            public void close() {
                calls.add("close");
            }
        };
    }

    String lastMessage() {
        return new String(messages.get(messages.size() - 1), StandardCharsets.UTF_8);
    }

    List<String> calls() {
        return new ArrayList<>(calls);
    }
}
