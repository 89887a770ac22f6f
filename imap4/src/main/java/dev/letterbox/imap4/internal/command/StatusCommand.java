package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapException;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import dev.letterbox.imap4.internal.codec.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** STATUS (RFC 9051 §6.3.11) with SIZE (RFC 8438) and, for rev1, RECENT. */
public final class StatusCommand implements Command {
    private static final Set<String> ITEMS = Set.of("MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED",
            "SIZE", "RECENT");

    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public List<String> capabilities() {
        return List.of("STATUS=SIZE");
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        String name = Args.mailbox(c);
        c.sp();
        List<String> items = parseItems(c, s);
        Args.end(c);
        Mailbox mb = s.mailboxes().open(s.path(name));
        write(s, name, mb, items);
        return Result.ok("Status completed");
    }

    /** {@code (item item ...)}; shared with LIST-STATUS. */
    static List<String> parseItems(Cursor c, ImapSession s) {
        List<String> items = new ArrayList<>();
        c.expect('(');
        do {
            String item = c.atom().toUpperCase(Locale.ROOT);
            if (c.ok() && !ITEMS.contains(item)) c.fail("Unknown STATUS item " + item);
            if (c.ok() && item.equals("SIZE") && !s.config().enabled("STATUS=SIZE")) c.fail("STATUS=SIZE is not enabled");
            items.add(item);
        } while (c.ok() && c.trySp());
        c.expect(')');
        return items;
    }

    /** Writes {@code * STATUS name (...)}. */
    static void write(ImapSession s, String name, Mailbox mb, List<String> items) {
        var st = mb.status();
        var out = s.out().untagged().raw("STATUS ").mailbox(name).raw(" (");
        boolean first = true;
        for (String item : items) {
            long v = switch (item) {
                case "MESSAGES" -> st.messages();
                case "UIDNEXT" -> st.uidNext();
                case "UIDVALIDITY" -> st.uidValidity();
                case "UNSEEN" -> st.unseen();
                case "DELETED" -> st.deleted();
                case "SIZE" -> st.size();
                case "RECENT" -> recent(s, mb);
                default -> throw ImapException.bad("Unknown STATUS item");
            };
            if (!first) out.sp();
            first = false;
            out.raw(item).sp().number(v);
        }
        out.raw(")").crlf();
    }

    private static long recent(ImapSession s, Mailbox mb) {
        var tracker = s.recentTracker();
        if (tracker == null) return 0;
        long mark = tracker.unclaimedAbove(mb.id());
        if (mark >= UidSet.MAX_UID) return 0;
        return mb.allUids().intersect(UidSet.range(mark + 1, UidSet.MAX_UID)).size();
    }
}
