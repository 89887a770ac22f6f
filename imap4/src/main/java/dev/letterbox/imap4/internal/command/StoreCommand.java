package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * STORE and UID STORE (RFC 9051 §6.4.6): FLAGS, +FLAGS, -FLAGS, each optionally .SILENT. The new
 * flags are reported once, by this command (the session's own change events are not echoed).
 */
public final class StoreCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return SELECTED;
    }

    @Override
    public boolean uidForm() {
        return true;
    }

    @Override
    public boolean allowsExpunge(Request r) {
        return r.uid();
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        c.sp();
        var set = c.sequenceSet();
        c.sp();
        if (c.peek() == '(') c.fail("STORE modifiers (CONDSTORE) are not supported");
        String item = c.atom().toUpperCase(Locale.ROOT);
        FlagOp op = FlagOp.REPLACE;
        if (item.startsWith("+")) op = FlagOp.ADD;
        else if (item.startsWith("-")) op = FlagOp.REMOVE;
        String base = op == FlagOp.REPLACE ? item : item.substring(1);
        boolean silent = base.endsWith(".SILENT");
        if (silent) base = base.substring(0, base.length() - 7);
        if (c.ok() && !base.equals("FLAGS")) c.fail("Expected FLAGS, +FLAGS or -FLAGS");
        c.sp();
        List<String> names;
        if (c.peek() == '(') {
            names = c.flagList();
        } else {
            names = new java.util.ArrayList<>();
            do {
                names.add(c.flag());
            } while (c.ok() && c.trySp());
        }
        c.end();
        Set<Flag> flags = new HashSet<>();
        for (String n : names) {
            if (!c.ok()) break;
            if (n.equalsIgnoreCase("\\Recent")) continue; // session-only; cannot be stored (RFC 3501 §2.3.2)
            try {
                flags.add(Flag.of(n));
            } catch (IllegalArgumentException e) {
                c.fail("Invalid flag " + n);
            }
        }
        Args.check(c);
        var view = s.view();
        UidSet uids = Selection.resolve(r, s, set);
        Selection.requireWritable(view);
        if (uids.isEmpty()) return Result.ok("Store completed");
        view.mailbox().updateFlags(uids, op, flags);
        List<MessageMeta> now = view.mailbox().meta(uids);
        if (!silent) {
            for (MessageMeta m : now) {
                int msn = view.msnOf(m.uid());
                if (msn == 0) continue;
                Selection.reportFlags(r, s, view, msn, m, view.isRecent(m.uid()));
            }
        }
        // RFC 2180 §4.2: NO [EXPUNGEISSUED] when messages another session expunged were referenced
        // (§4.2.2/§4.2.3), but OK for .SILENT when the rest succeeded (§4.2.1); UID STORE ignores UIDs
        // that no longer exist (RFC 9051 §6.4.9) and reports the EXPUNGE before its tagged reply
        if (now.size() < uids.size() && !r.uid() && !silent) {
            return Result.no("EXPUNGEISSUED", "Some of the messages no longer exist");
        }
        return Result.ok("Store completed");
    }
}
