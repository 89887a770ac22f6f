package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapException;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.List;
import java.util.Set;

/**
 * COPY (RFC 9051 §6.4.7) and MOVE (RFC 6851), with UID forms and COPYUID (RFC 4315). MOVE sends
 * {@code * OK [COPYUID ...]} before the EXPUNGEs, then a plain tagged OK (RFC 6851 §4.3).
 */
public final class CopyCommand implements Command {
    private final boolean move;

    public CopyCommand(boolean move) {
        this.move = move;
    }

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
        return move ? List.of("MOVE") : List.of("UIDPLUS");
    }

    @Override
    public boolean targetsMailbox() {
        return true;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        c.sp();
        var set = c.sequenceSet();
        String name = Args.mailbox(c);
        Args.end(c);
        var view = s.view();
        UidSet uids = Selection.resolve(r, s, set);
        if (move) Selection.requireWritable(view);
        Mailbox target = s.mailboxes().open(s.path(name));
        String verb = move ? "Move" : "Copy";
        if (uids.isEmpty()) return Result.ok(verb + " completed");
        Mailbox.CopyResult res;
        if (move) {
            res = view.mailbox().moveTo(uids, target).orElse(null);
            if (res == null) {
                res = view.mailbox().copyTo(uids, target);
                view.mailbox().delete(res.sourceSet());
            }
        } else {
            res = view.mailbox().copyTo(uids, target);
        }
        if (res.sourceUids().length == 0) {
            // every message asked for was expunged by another session meanwhile: UID forms ignore UIDs
            // that no longer exist (RFC 9051 §6.4.9; the EXPUNGE goes out before the tagged OK), the
            // sequence-number forms answer NO [EXPUNGEISSUED] (RFC 2180 §4.4.1)
            if (r.uid()) return Result.ok(verb + " completed; the messages no longer exist");
            throw ImapException.no("EXPUNGEISSUED", "The messages no longer exist");
        }
        String code = s.config().enabled("UIDPLUS")
                ? "COPYUID " + res.targetUidValidity() + " " + res.sourceSet() + " " + res.targetSet() : null;
        if (!move) return Result.ok(code, verb + " completed");
        if (code != null) s.out().untaggedStatus("OK", code, "Moved");
        view.expungedBySelf(res.sourceSet(), s.outSink());
        return Result.ok(verb + " completed");
    }
}
