package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.Set;

/**
 * STARTTLS (RFC 9051 §6.2.1). After the tagged OK the connection handshakes; bytes the client
 * pipelined after the command are TLS input, never commands. Capabilities change afterwards.
 */
public final class StartTlsCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return NOT_AUTH;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        Args.none(r);
        if (!s.conn().startTlsAvailable() || !s.config().enabled("STARTTLS")) {
            return Result.bad(s.conn().tls().isPresent() ? "TLS is already active" : "STARTTLS is not available");
        }
        s.startTls(r.tag());
        return null;
    }
}
