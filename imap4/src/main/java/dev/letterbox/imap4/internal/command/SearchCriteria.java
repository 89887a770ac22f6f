package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.SelectedView;
import dev.letterbox.imap4.internal.codec.Cursor;
import dev.letterbox.imap4.internal.codec.SequenceSet;
import dev.letterbox.imap4.message.SearchText;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * SEARCH keys (RFC 9051 §6.4.4, RFC 3501 §6.4.4 for NEW/OLD/RECENT, RFC 5032 WITHIN, RFC 5182 {@code $})
 * parsed into a tree and evaluated per message. Flag and size tests run before text tests so the
 * message bytes are read only when needed, once per message.
 */
public sealed interface SearchCriteria {
    /** What one message offers to the evaluator. */
    final class Candidate {
        final int msn;
        final MessageMeta meta;
        final boolean recent;
        private final Supplier<MessageContent> loader;
        private MessageContent content;

        Candidate(int msn, MessageMeta meta, boolean recent, Supplier<MessageContent> loader) {
            this.msn = msn;
            this.meta = meta;
            this.recent = recent;
            this.loader = loader;
        }

        MessageContent content() {
            if (content == null) content = loader.get();
            return content;
        }
    }

    boolean test(Candidate m);

    /** Cost class: 0 for metadata, 1 for content. */
    default int cost() {
        return 0;
    }

    record All() implements SearchCriteria {
        public boolean test(Candidate m) {
            return true;
        }
    }

    record HasFlag(Flag flag, boolean has) implements SearchCriteria {
        public boolean test(Candidate m) {
            return m.meta.has(flag) == has;
        }
    }

    record Recent(boolean recent) implements SearchCriteria {
        public boolean test(Candidate m) {
            return m.recent == recent;
        }
    }

    record Size(long n, boolean larger) implements SearchCriteria {
        public boolean test(Candidate m) {
            return larger ? m.meta.size() > n : m.meta.size() < n;
        }
    }

    /** BEFORE/ON/SINCE on the internal date (UTC calendar date) and SENT* on the Date header. */
    LocalDate LONG_AGO = LocalDate.of(1970, 1, 1);

    record DateCmp(LocalDate date, int mode, boolean sent) implements SearchCriteria {
        public boolean test(Candidate m) {
            LocalDate d;
            if (sent) {
                // Without a usable Date: header a message counts as sent long ago (the reference
                // server's behaviour; no fallback to the internal date).
                d = SearchText.sentDate(m.content()).orElse(LONG_AGO);
            } else {
                d = m.meta.internalDate().atOffset(ZoneOffset.UTC).toLocalDate();
            }
            int cmp = d.compareTo(date);
            return mode < 0 ? cmp < 0 : mode == 0 ? cmp == 0 : cmp >= 0;
        }

        public int cost() {
            return sent ? 1 : 0;
        }
    }

    /** WITHIN: YOUNGER (internal date within the last n seconds) or OLDER. */
    record Within(long seconds, boolean younger, Instant now) implements SearchCriteria {
        public boolean test(Candidate m) {
            boolean isYounger = m.meta.internalDate().isAfter(now.minusSeconds(seconds));
            return younger == isYounger;
        }
    }

    record Text(SearchText.Field field, String needle) implements SearchCriteria {
        public boolean test(Candidate m) {
            return SearchText.contains(m.content(), field, needle);
        }

        public int cost() {
            return 1;
        }
    }

    record Header(String name, String needle) implements SearchCriteria {
        public boolean test(Candidate m) {
            return SearchText.headerContains(m.content(), name, needle);
        }

        public int cost() {
            return 1;
        }
    }

    /** A sequence set or UID set, resolved to UIDs at parse time. */
    record InSet(UidSet uids) implements SearchCriteria {
        public boolean test(Candidate m) {
            return uids.contains(m.meta.uid());
        }
    }

    record Not(SearchCriteria key) implements SearchCriteria {
        public boolean test(Candidate m) {
            return !key.test(m);
        }

        public int cost() {
            return key.cost();
        }
    }

    record Or(SearchCriteria a, SearchCriteria b) implements SearchCriteria {
        public boolean test(Candidate m) {
            return a.cost() <= b.cost() ? a.test(m) || b.test(m) : b.test(m) || a.test(m);
        }

        public int cost() {
            return Math.max(a.cost(), b.cost());
        }
    }

    record And(List<SearchCriteria> keys) implements SearchCriteria {
        public And {
            keys = new ArrayList<>(keys);
            keys.sort((x, y) -> Integer.compare(x.cost(), y.cost()));
            keys = List.copyOf(keys);
        }

        public boolean test(Candidate m) {
            for (SearchCriteria k : keys) if (!k.test(m)) return false;
            return true;
        }

        public int cost() {
            int c = 0;
            for (SearchCriteria k : keys) c = Math.max(c, k.cost());
            return c;
        }
    }

    /** Parses search keys (each preceded by a space) until the end of the command. */
    static SearchCriteria parse(Cursor c, SelectedView view, UidSet saved, boolean rev2) {
        List<SearchCriteria> keys = new ArrayList<>();
        Instant now = Instant.now();
        while (c.ok() && !c.atEnd()) {
            c.sp();
            keys.add(key(c, view, saved, 0, now, rev2));
        }
        if (keys.isEmpty()) c.fail("Missing search criteria");
        return keys.size() == 1 ? keys.get(0) : new And(keys);
    }

    private static SearchCriteria key(Cursor c, SelectedView view, UidSet saved, int depth, Instant now, boolean rev2) {
        if (depth > c.maxDepth()) {
            c.fail("Search criteria nested too deeply");
            return new All();
        }
        if (c.tryChar('(')) {
            List<SearchCriteria> keys = new ArrayList<>();
            do {
                keys.add(key(c, view, saved, depth + 1, now, rev2));
            } while (c.ok() && c.trySp());
            c.expect(')');
            return keys.size() == 1 ? keys.get(0) : new And(keys);
        }
        if (c.atSequenceSet()) return new InSet(resolveLenient(c.sequenceSet(), false, view, saved));
        String k = c.atom().toUpperCase(Locale.ROOT);
        if (!c.ok()) return new All();
        switch (k) {
            case "ALL": return new All();
            case "ANSWERED": return new HasFlag(Flag.ANSWERED, true);
            case "DELETED": return new HasFlag(Flag.DELETED, true);
            case "DRAFT": return new HasFlag(Flag.DRAFT, true);
            case "FLAGGED": return new HasFlag(Flag.FLAGGED, true);
            case "SEEN": return new HasFlag(Flag.SEEN, true);
            case "UNANSWERED": return new HasFlag(Flag.ANSWERED, false);
            case "UNDELETED": return new HasFlag(Flag.DELETED, false);
            case "UNDRAFT": return new HasFlag(Flag.DRAFT, false);
            case "UNFLAGGED": return new HasFlag(Flag.FLAGGED, false);
            case "UNSEEN": return new HasFlag(Flag.SEEN, false);
            case "KEYWORD":
            case "UNKEYWORD": {
                c.sp();
                String kw = c.atom();
                if (!c.ok()) return new All();
                if (!Flag.isValidKeyword(kw)) {
                    c.fail("Invalid keyword " + kw);
                    return new All();
                }
                return new HasFlag(Flag.keyword(kw), k.equals("KEYWORD"));
            }
            case "NEW": return new And(List.of(new Recent(true), new HasFlag(Flag.SEEN, false)));
            case "OLD": return new Recent(false);
            case "RECENT": return new Recent(true);
            case "LARGER": c.sp(); return new Size(c.number64(), true);
            case "SMALLER": c.sp(); return new Size(c.number64(), false);
            case "BEFORE": c.sp(); return new DateCmp(c.date(), -1, false);
            case "ON": c.sp(); return new DateCmp(c.date(), 0, false);
            case "SINCE": c.sp(); return new DateCmp(c.date(), 1, false);
            case "SENTBEFORE": c.sp(); return new DateCmp(c.date(), -1, true);
            case "SENTON": c.sp(); return new DateCmp(c.date(), 0, true);
            case "SENTSINCE": c.sp(); return new DateCmp(c.date(), 1, true);
            case "YOUNGER": c.sp(); return new Within(c.nzNumber(), true, now);
            case "OLDER": c.sp(); return new Within(c.nzNumber(), false, now);
            case "FROM": c.sp(); return new Text(SearchText.Field.FROM, c.astring());
            case "TO": c.sp(); return new Text(SearchText.Field.TO, c.astring());
            case "CC": c.sp(); return new Text(SearchText.Field.CC, c.astring());
            case "BCC": c.sp(); return new Text(SearchText.Field.BCC, c.astring());
            case "SUBJECT": c.sp(); return new Text(SearchText.Field.SUBJECT, c.astring());
            case "BODY": c.sp(); return new Text(SearchText.Field.BODY, c.astring());
            case "TEXT": c.sp(); return new Text(SearchText.Field.TEXT, c.astring());
            case "HEADER": {
                c.sp();
                String name = c.astring();
                c.sp();
                return new Header(name, c.astring());
            }
            case "UID": c.sp(); return new InSet(resolveLenient(c.sequenceSet(), true, view, saved));
            case "NOT": c.sp(); return new Not(key(c, view, saved, depth + 1, now, rev2));
            case "OR": {
                c.sp();
                SearchCriteria a = key(c, view, saved, depth + 1, now, rev2);
                c.sp();
                return new Or(a, key(c, view, saved, depth + 1, now, rev2));
            }
            default:
                c.fail("Unknown search key " + k);
                return new All();
        }
    }

    /** Sequence sets in SEARCH select what exists; numbers beyond the mailbox select nothing. */
    private static UidSet resolveLenient(SequenceSet set, boolean uid, SelectedView view, UidSet saved) {
        if (set.saved() || uid) return view.resolve(set, uid, saved);
        int n = view.exists();
        UidSet.Builder b = UidSet.builder();
        for (SequenceSet.Range r : set.ranges()) {
            if (n == 0) break;
            long lo = r.lo(n), hi = Math.min(r.hi(n), n);
            for (long msn = lo; msn <= hi; msn++) b.add(view.uidAt((int) msn));
        }
        return b.build();
    }
}
