package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.Set;

/** RENAME (RFC 9051 §6.3.6): children move along; renaming INBOX moves its messages (store semantics). */
public final class RenameCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        String from = Args.mailbox(c);
        String to = Args.mailbox(c);
        Args.end(c);
        var target = s.path(to);
        if (target.isInbox()) return Result.no("ALREADYEXISTS", "INBOX always exists");
        s.mailboxes().rename(s.path(from), target);
        return Result.ok("Rename completed");
    }
}
