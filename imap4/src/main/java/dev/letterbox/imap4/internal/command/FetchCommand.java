package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.fetch.FetchContext;
import dev.letterbox.imap4.fetch.FetchException;
import dev.letterbox.imap4.fetch.FetchParseException;
import dev.letterbox.imap4.fetch.FetchRenderer;
import dev.letterbox.imap4.fetch.FetchRequest;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * FETCH and UID FETCH (RFC 9051 §6.4.5) through the message renderer. Body fetches without PEEK set
 * \Seen through the tracked store (read-write only) and the new flags are reported. Messages
 * expunged by another session meanwhile are skipped and the command ends with
 * {@code NO [EXPUNGEISSUED]} (RFC 2180 §4.1.2); everything still available is answered.
 */
public final class FetchCommand implements Command {
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
        return List.of("BINARY");
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
        String text = c.rest();
        Args.check(c);
        FetchRequest req;
        try {
            req = FetchRequest.parse(text, r.uid());
        } catch (FetchParseException e) {
            return Result.bad(e.getMessage());
        }
        var view = s.view();
        UidSet uids = Selection.resolve(r, s, set);
        if (uids.isEmpty()) return Result.ok("Fetch completed");
        var mb = view.mailbox();
        Set<Long> seenNow = new HashSet<>();
        if (req.setsSeen() && !view.readOnly()) {
            for (MessageMeta m : mb.updateFlags(uids, FlagOp.ADD, Set.of(Flag.SEEN))) seenNow.add(m.uid());
        }
        List<MessageMeta> metas = mb.meta(uids);
        boolean missing = metas.size() < uids.size();
        FetchException failure = null;
        var out = s.out();
        for (MessageMeta m : metas) {
            int msn = view.msnOf(m.uid());
            if (msn == 0) continue;
            boolean recent = s.reportRecent() && view.isRecent(m.uid());
            Supplier<MessageContent> content = () -> mb.content(m.uid());
            try {
                FetchRenderer.render(req, new FetchContext(msn, m, recent, content, s.utf8()), out.stream());
                out.endRendered();
            } catch (FetchException e) {
                if (failure == null) failure = e;
            } catch (StoreException.NoSuchMessage e) {
                missing = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (seenNow.contains(m.uid())) Selection.reportFlags(r, s, view, msn, m, recent);
        }
        if (failure != null) {
            return Result.no(failure.code().orElse(null), failure.getMessage());
        }
        // RFC 2180 §4.1.2: a non-UID FETCH of a message another session expunged answers what is still
        // there and NO [EXPUNGEISSUED]; for UID FETCH the EXPUNGE goes out before the tagged reply and
        // a UID that no longer exists is simply ignored (RFC 9051 §6.4.9)
        if (missing && !r.uid()) return Result.no("EXPUNGEISSUED", "Some of the requested messages no longer exist");
        return Result.ok("Fetch completed");
    }
}
