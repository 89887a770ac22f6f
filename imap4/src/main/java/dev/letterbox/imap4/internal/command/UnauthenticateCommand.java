package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.List;
import java.util.Set;

/** UNAUTHENTICATE (RFC 8437): back to the not-authenticated state on the same connection. */
public final class UnauthenticateCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public List<String> capabilities() {
        return List.of("UNAUTHENTICATE");
    }

    @Override
    public Result run(Request r, ImapSession s) {
        Args.none(r);
        s.unauthenticate();
        return Result.ok("Unauthenticated");
    }
}
