package dev.letterbox.examples.server;

import dev.letterbox.core.net.ProtocolSessionFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place where protocols register with the standalone server: a method per protocol that
 * builds its session factory, and the table of listeners. A protocol whose module has not landed yet
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

    /** IMAP4rev2/IMAP4rev1 (issue 3): {@code dev.letterbox.imap4.ImapProtocol}, not in this build yet. */
    static Optional<ProtocolSessionFactory> imap(Backend backend) {
        return Optional.empty();
    }

    /** POP3 (issue 4): {@code dev.letterbox.pop3.Pop3Protocol}, not in this build yet. */
    static Optional<ProtocolSessionFactory> pop3(Backend backend) {
        return Optional.empty();
    }

    /** SMTP submission (issue 5): {@code dev.letterbox.smtp.SubmissionProtocol}, not in this build yet. */
    static Optional<ProtocolSessionFactory> submission(Backend backend) {
        return Optional.empty();
    }
}
