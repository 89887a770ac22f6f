package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.Set;

/** CLOSE (RFC 9051 §6.4.2): silently expunges \Deleted messages (unless read-only), then unselects. */
public final class CloseCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return SELECTED;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        Args.none(r);
        var view = s.view();
        if (!view.readOnly()) {
            UidSet d = Selection.deletedAmong(view, view.all());
            if (!d.isEmpty()) view.mailbox().delete(d);
        }
        s.unselect();
        return Result.ok("Close completed");
    }
}
