package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.Set;

/** DELETE (RFC 9051 §6.3.5); deleting the selected mailbox unselects it. */
public final class DeleteCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var path = s.path(Args.onlyMailbox(r));
        if (path.isInbox()) return Result.no("CANNOT", "INBOX cannot be deleted");
        boolean selected = s.hasView() && s.view().mailbox().path().equals(path);
        s.mailboxes().delete(path);
        if (selected) {
            s.unselect();
            if (s.rev2()) s.out().untaggedStatus("OK", "CLOSED", "Selected mailbox deleted");
        }
        return Result.ok("Delete completed");
    }
}
