package dev.letterbox.examples.server;

import dev.letterbox.core.net.ProtocolSessionFactory;
import dev.letterbox.imap4.ImapProtocol;
import dev.letterbox.pop3.Pop3Protocol;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.delivery.LocalDelivery;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place where protocols register with the standalone server: a method per protocol that
 * builds its session factory, and the table of listeners. A protocol whose module is not in the build
 * returns empty and its listeners are not started.
 */
final class Protocols {
    private Protocols() {
    }

    /**
     * One listener the command line can configure.
     *
     * @param name        option and READY-line name, e.g. {@code imaps}
     * @param protocol    {@code imap}, {@code pop3} or {@code smtp}
     * @param implicitTls TLS from the first byte; otherwise STARTTLS/STLS is offered
     * @param defaultPort port when the option is not given
     * @param factory     builds the protocol's session factory, empty while the protocol is not in this build
     */
    record Listener(String name, String protocol, boolean implicitTls, int defaultPort,
                    Function<Backend, Optional<ProtocolSessionFactory>> factory) {
    }

    /** In READY-line order. */
    static final List<Listener> LISTENERS = List.of(
            new Listener("imap", "imap", false, 1143, Protocols::imap),
            new Listener("imaps", "imap", true, 1993, Protocols::imap),
            new Listener("pop3", "pop3", false, 1110, Protocols::pop3),
            new Listener("pop3s", "pop3", true, 1995, Protocols::pop3),
            new Listener("submission", "smtp", false, 1587, Protocols::submission),
            new Listener("submissions", "smtp", true, 1465, Protocols::submission));

    /** IMAP4rev2/IMAP4rev1 with IDLE: {@link ImapProtocol}. */
    static Optional<ProtocolSessionFactory> imap(Backend backend) {
        return Optional.of(ImapProtocol.builder(backend.store(), backend.auth()).build());
    }

    /** POP3 with STLS and SASL: {@link Pop3Protocol}; one instance for both listeners (shared maildrop lock). */
    static Optional<ProtocolSessionFactory> pop3(Backend backend) {
        return Optional.of(Pop3Protocol.builder(backend.store(), backend.auth())
                .hostname(backend.submission().hostname()).build());
    }

    /**
     * SMTP submission: {@link SubmissionProtocol} with {@link LocalDelivery} into the users' INBOXes.
     * Recipients outside the local domains go to the relay ({@code --relay}) or are refused at RCPT with
     * {@code 550 5.7.1}; {@code --save-sent} files a copy in the sender's {@code \Sent} mailbox.
     */
    static Optional<ProtocolSessionFactory> submission(Backend backend) {
        Backend.Submission options = backend.submission();
        LocalDelivery.Builder delivery = LocalDelivery.builder(backend.store())
                .localDomains(options.localDomains().toArray(new String[0]))
                .saveSentCopy(options.saveSent());
        options.relay().ifPresent(delivery::relay);
        return Optional.of(SubmissionProtocol.builder(backend.auth(), delivery.build())
                .hostname(options.hostname()).build());
    }
}
