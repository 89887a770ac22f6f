package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.List;
import java.util.Set;

/** IDLE (RFC 2177): {@code + idling}, pushes of changes, {@code DONE} ends it. */
public final class IdleCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public List<String> capabilities() {
        return List.of("IDLE");
    }

    @Override
    public Result run(Request r, ImapSession s) {
        r.args().end();
        if (!r.args().ok()) return Result.bad(r.args().error());
        s.startIdle(r.tag());
        return null;
    }
}
