package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.List;
import java.util.Set;

/** UNSELECT (RFC 3691): leaves the selected state without expunging. */
public final class UnselectCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return SELECTED;
    }

    @Override
    public List<String> capabilities() {
        return List.of("UNSELECT");
    }

    @Override
    public Result run(Request r, ImapSession s) {
        Args.none(r);
        s.unselect();
        return Result.ok("Returned to authenticated state");
    }
}
