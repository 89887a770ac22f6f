package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.Command.Request;
import dev.letterbox.imap4.internal.ImapException;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.SelectedView;
import dev.letterbox.imap4.internal.codec.SequenceSet;

/** Selected-state steps shared by FETCH, STORE, COPY/MOVE, EXPUNGE and CLOSE. */
final class Selection {
    private Selection() {
    }

    /**
     * The UIDs a sequence set names in the selected mailbox ({@code $} is the saved search result,
     * RFC 5182); BAD for a message sequence number beyond the mailbox (RFC 9051 §6.4.5 and §9).
     */
    static UidSet resolve(Request r, ImapSession s, SequenceSet set) {
        try {
            return s.view().resolve(set, r.uid(), s.savedResult());
        } catch (IllegalArgumentException e) {
            throw ImapException.bad(e.getMessage());
        }
    }

    /** NO [READ-ONLY] if the mailbox was opened with EXAMINE (RFC 9051 §7.1). */
    static void requireWritable(SelectedView view) {
        if (view.readOnly()) throw ImapException.no("READ-ONLY", "Mailbox is read-only");
    }

    /** The messages among {@code scope} flagged \Deleted, as EXPUNGE and CLOSE remove them. */
    static UidSet deletedAmong(SelectedView view, UidSet scope) {
        UidSet.Builder del = UidSet.builder();
        for (MessageMeta m : view.mailbox().meta(scope)) {
            if (m.has(Flag.DELETED)) del.add(m.uid());
        }
        return del.build();
    }

    /**
     * Reports the flags of message {@code msn} as this command changed them: {@code * n FETCH (FLAGS
     * (...) [UID u])}, UID included for the UID form (RFC 9051 §6.4.6, §6.4.9), and marks them reported
     * so the view does not echo them.
     */
    static void reportFlags(Request r, ImapSession s, SelectedView view, int msn, MessageMeta m, boolean recent) {
        view.reported(m);
        var out = s.out().untagged().number(msn).raw(" FETCH (");
        s.writeFlags(out, m, recent);
        if (r.uid()) out.raw(" UID ").number(m.uid());
        out.raw(")").crlf();
    }
}
