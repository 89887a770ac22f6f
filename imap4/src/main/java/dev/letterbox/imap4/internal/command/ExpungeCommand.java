package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.List;
import java.util.Set;

/** EXPUNGE (RFC 9051 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1, RFC 9051 §6.4.9). */
public final class ExpungeCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return SELECTED;
    }

    @Override
    public boolean uidForm() {
        return true;
    }

    @Override
    public List<String> capabilities() {
        return List.of("UIDPLUS");
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        var view = s.view();
        UidSet scope = view.all();
        if (r.uid()) {
            c.sp();
            var set = c.sequenceSet();
            Args.end(c);
            scope = Selection.resolve(r, s, set);
        } else {
            Args.end(c);
        }
        Selection.requireWritable(view);
        UidSet d = Selection.deletedAmong(view, scope);
        if (!d.isEmpty()) {
            UidSet gone = view.mailbox().delete(d);
            view.expungedBySelf(gone, s.outSink());
        }
        return Result.ok("Expunge completed");
    }
}
