package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SEARCH and UID SEARCH (RFC 9051 §6.4.4) with CHARSET US-ASCII/UTF-8, ESEARCH return options MIN
 * MAX COUNT ALL (RFC 4731) and SAVE (RFC 5182). IMAP4rev2 sessions always get ESEARCH.
 */
public final class SearchCommand implements Command {
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
        return List.of("ESEARCH", "SEARCHRES", "WITHIN");
    }

    @Override
    public boolean allowsExpunge(Request r) {
        return r.uid();
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        var view = s.view();
        Set<String> ret = null;
        if (c.trySpWord("RETURN")) {
            ret = new LinkedHashSet<>();
            c.sp();
            c.expect('(');
            while (c.ok() && c.peek() != ')') {
                String o = c.atom().toUpperCase(Locale.ROOT);
                if (c.ok() && !Set.of("MIN", "MAX", "ALL", "COUNT", "SAVE").contains(o)) c.fail("Unknown RETURN option " + o);
                if (c.ok() && o.equals("SAVE") && !s.config().enabled("SEARCHRES")) c.fail("SEARCHRES is not enabled");
                ret.add(o);
                if (c.peek() != ')') c.sp();
            }
            c.expect(')');
            if (ret.isEmpty()) ret.add("ALL");
        }
        boolean save = ret != null && ret.contains("SAVE");
        if (save) s.savedResult(UidSet.empty());
        String charset = null;
        if (c.trySpWord("CHARSET")) {
            c.sp();
            charset = c.astring();
        }
        UidSet saved = s.savedResult();
        SearchCriteria criteria = SearchCriteria.parse(c, view, saved, s.rev2());
        Args.check(c);
        if (charset != null && !charset.equalsIgnoreCase("US-ASCII") && !charset.equalsIgnoreCase("UTF-8")) {
            return Result.no("BADCHARSET (US-ASCII UTF-8)", "Unsupported charset");
        }
        List<long[]> hits = new ArrayList<>(); // {msn, uid}
        var mb = view.mailbox();
        for (MessageMeta m : mb.meta(view.all())) {
            int msn = view.msnOf(m.uid());
            if (msn == 0) continue;
            var cand = new SearchCriteria.Candidate(msn, m, s.reportRecent() && view.isRecent(m.uid()),
                    () -> mb.content(m.uid()));
            try {
                if (criteria.test(cand)) hits.add(new long[] {msn, m.uid()});
            } catch (StoreException.NoSuchMessage gone) {
                // expunged meanwhile: not a match
            }
        }
        int idx = r.uid() ? 1 : 0;
        if (save) {
            UidSet.Builder b = UidSet.builder();
            boolean minMaxOnly = !ret.contains("ALL") && !ret.contains("COUNT")
                    && (ret.contains("MIN") || ret.contains("MAX"));
            if (minMaxOnly && !hits.isEmpty()) {
                if (ret.contains("MIN")) b.add(hits.get(0)[1]);
                if (ret.contains("MAX")) b.add(hits.get(hits.size() - 1)[1]);
            } else {
                for (long[] h : hits) b.add(h[1]);
            }
            s.savedResult(b.build());
        }
        var out = s.out();
        if (ret == null && !s.rev2()) {
            out.untagged().raw("SEARCH");
            for (long[] h : hits) out.sp().number(h[idx]);
            out.crlf();
            return Result.ok("Search completed");
        }
        if (ret == null) ret = Set.of("ALL");
        if (ret.size() == 1 && ret.contains("SAVE")) return Result.ok("Search completed");
        out.untagged().raw("ESEARCH (TAG ").string(r.tag()).raw(")");
        if (r.uid()) out.raw(" UID");
        if (!hits.isEmpty()) {
            if (ret.contains("MIN")) out.raw(" MIN ").number(hits.get(0)[idx]);
            if (ret.contains("MAX")) out.raw(" MAX ").number(hits.get(hits.size() - 1)[idx]);
        }
        if (ret.contains("COUNT")) out.raw(" COUNT ").number(hits.size());
        if (ret.contains("ALL") && !hits.isEmpty()) {
            UidSet.Builder b = UidSet.builder();
            for (long[] h : hits) b.add(h[idx]);
            out.raw(" ALL ").raw(b.build().toString());
        }
        out.crlf();
        return Result.ok("Search completed");
    }

}
