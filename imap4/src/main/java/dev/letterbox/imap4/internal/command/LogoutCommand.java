package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.Set;

/** LOGOUT (RFC 9051 §6.1.3): untagged BYE, tagged OK, close. */
public final class LogoutCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return ANY;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        Args.none(r);
        s.logout(r.tag());
        return null;
    }
}
