package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import dev.letterbox.imap4.internal.SelectedView;
import java.util.Set;
import java.util.TreeSet;

/** SELECT and EXAMINE (RFC 9051 §6.3.2, §6.3.3; RFC 3501 §6.3.1 for rev1's RECENT and UNSEEN). */
public final class SelectCommand implements Command {
    private static final String SYSTEM_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";
    private final boolean examine;

    public SelectCommand(boolean examine) {
        this.examine = examine;
    }

    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        String name = Args.mailbox(c);
        if (c.trySp()) c.fail("SELECT parameters (CONDSTORE, QRESYNC) are not supported");
        Args.end(c);
        if (s.hasView()) {
            s.unselect();
            if (s.rev2()) s.out().untaggedStatus("OK", "CLOSED", "Previous mailbox closed");
        }
        Mailbox mb = s.mailboxes().open(s.path(name));
        SelectedView view = SelectedView.open(mb, s.store().hub(), s.info().sessionId(), examine,
                s.config().maxPendingChanges(), s.recentTracker());
        var st = mb.status();
        var out = s.out();
        TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        int firstUnseen = 0;
        int msn = 0;
        for (MessageMeta m : view.takeInitial()) {
            msn = view.msnOf(m.uid());
            if (firstUnseen == 0 && msn > 0 && !m.has(Flag.SEEN)) firstUnseen = msn;
            for (Flag f : m.flags()) if (f.isKeyword()) keywords.add(f.name());
        }
        String kw = keywords.isEmpty() ? "" : " " + String.join(" ", keywords);
        out.untagged().number(view.exists()).raw(" EXISTS").crlf();
        if (s.reportRecent()) out.untagged().number(view.recentCount()).raw(" RECENT").crlf();
        if (!s.rev2() && firstUnseen > 0) {
            out.untaggedStatus("OK", "UNSEEN " + firstUnseen, "First unseen message");
        }
        out.untagged().raw("FLAGS (" + SYSTEM_FLAGS + kw + ")").crlf();
        out.untaggedStatus("OK", examine ? "PERMANENTFLAGS ()" : "PERMANENTFLAGS (" + SYSTEM_FLAGS + kw + " \\*)",
                examine ? "No permanent flags permitted" : "Flags permitted");
        out.untaggedStatus("OK", "UIDVALIDITY " + view.uidValidity(), "UIDs valid");
        out.untaggedStatus("OK", "UIDNEXT " + st.uidNext(), "Predicted next UID");
        if (s.rev2()) {
            out.untagged().raw("LIST () \"").ch(s.delimiter()).raw("\" ").mailbox(s.name(mb.path())).crlf();
        }
        s.select(view);
        return Result.ok(examine ? "READ-ONLY" : "READ-WRITE", (examine ? "EXAMINE" : "SELECT") + " completed");
    }
}
