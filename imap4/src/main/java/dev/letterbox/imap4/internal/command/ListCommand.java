package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import dev.letterbox.imap4.internal.codec.Cursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * LIST (RFC 9051 §6.3.9) with LIST-EXTENDED (RFC 5258) selection options SUBSCRIBED, REMOTE,
 * RECURSIVEMATCH, SPECIAL-USE and return options SUBSCRIBED, CHILDREN, SPECIAL-USE, STATUS
 * (RFC 5819); and LSUB (RFC 3501 §6.3.9).
 */
public final class ListCommand implements Command {
    private final boolean lsub;

    public ListCommand(boolean lsub) {
        this.lsub = lsub;
    }

    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public List<String> capabilities() {
        return lsub ? List.of() : List.of("CHILDREN", "SPECIAL-USE", "LIST-EXTENDED", "LIST-STATUS");
    }

    /** One name in the listing and what we know about it. */
    private static final class Entry {
        final String name;
        boolean exists;
        boolean selectable;
        boolean subscribed;
        String specialUse;
        boolean hasChildren;
        boolean childSubscribed;

        Entry(String name) {
            this.name = name;
        }
    }

    @Override
    public Result run(Request r, ImapSession s) {
        Cursor c = r.args();
        c.sp();
        Set<String> sel = new LinkedHashSet<>();
        if (!lsub && c.peek() == '(') {
            sel.addAll(options(c));
            c.sp();
        }
        String ref = c.mailbox();
        c.sp();
        List<String> patterns = new ArrayList<>();
        if (!lsub && c.peek() == '(') {
            c.expect('(');
            do {
                patterns.add(c.listMailbox());
            } while (c.ok() && c.trySp());
            c.expect(')');
        } else {
            patterns.add(c.listMailbox());
        }
        Set<String> ret = new LinkedHashSet<>();
        List<String> statusItems = List.of();
        if (!lsub && c.trySp()) {
            if (!c.tryWord("RETURN")) c.fail("Expected RETURN");
            c.sp();
            c.expect('(');
            while (c.ok() && c.peek() != ')') {
                String o = c.atom().toUpperCase(Locale.ROOT);
                ret.add(o);
                if (o.equals("STATUS")) {
                    c.sp();
                    statusItems = StatusCommand.parseItems(c, s);
                }
                if (c.peek() != ')') c.sp();
            }
            c.expect(')');
        }
        Args.end(c);
        for (String o : sel) {
            if (!Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE").contains(o)) {
                return Result.bad("Unknown LIST selection option " + o);
            }
        }
        if (sel.contains("RECURSIVEMATCH") && sel.size() == 1) return Result.bad("RECURSIVEMATCH needs another selection option");
        for (String o : ret) {
            if (!Set.of("SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS").contains(o)) {
                return Result.bad("Unknown LIST return option " + o);
            }
        }
        String verb = lsub ? "LSUB" : "LIST";
        char d = s.delimiter();
        if (patterns.size() == 1 && patterns.get(0).isEmpty()) {
            // RFC 9051 §6.3.9: the hierarchy delimiter and root of the reference
            String root = ref.isEmpty() ? "" : ref.substring(0, ref.indexOf(d) < 0 ? ref.length() : ref.indexOf(d) + 1);
            s.out().untagged().raw(verb + " (\\Noselect) \"").ch(d).raw("\" ").mailbox(root).crlf();
            return Result.ok(verb + " completed");
        }
        Map<String, Entry> all = entries(s);
        boolean subscribedOnly = lsub || sel.contains("SUBSCRIBED");
        boolean recursive = sel.contains("RECURSIVEMATCH");
        boolean showSubscribed = ret.contains("SUBSCRIBED") || sel.contains("SUBSCRIBED");
        for (Entry e : all.values()) {
            boolean matched = false;
            for (String p : patterns) {
                if (matchesMailbox(e.name, canonical(ref, p, d), d)) matched = true;
            }
            if (!matched) continue;
            boolean selected = true;
            if (subscribedOnly && !e.subscribed) selected = false;
            if (sel.contains("SPECIAL-USE") && e.specialUse == null) selected = false;
            String childInfo = null;
            if (!selected && recursive && subscribedOnly && e.childSubscribed && e.exists) {
                childInfo = "SUBSCRIBED";
            }
            boolean lsubParent = lsub && !e.subscribed && e.childSubscribed;
            if (!selected && childInfo == null && !lsubParent) continue;
            if (!lsub && !e.exists && !e.subscribed && childInfo == null) continue;
            List<String> attrs = new ArrayList<>();
            if (lsubParent || (lsub && !e.exists)) {
                attrs.add("\\Noselect"); // RFC 3501 §6.3.9: an unsubscribed parent of subscribed names
            } else if (!e.exists) {
                attrs.add("\\NonExistent");
            } else if (!e.selectable) {
                attrs.add("\\Noselect");
            }
            if (!lsub && e.exists) attrs.add(e.hasChildren ? "\\HasChildren" : "\\HasNoChildren");
            if (!lsub && showSubscribed && e.subscribed) attrs.add("\\Subscribed");
            if (!lsub && e.specialUse != null) attrs.add(e.specialUse);
            var out = s.out().untagged().raw(verb + " (").raw(String.join(" ", attrs)).raw(") \"").ch(d).raw("\" ")
                    .mailbox(e.name);
            if (childInfo != null) out.raw(" (\"CHILDINFO\" (\"" + childInfo + "\"))");
            out.crlf();
            if (!statusItems.isEmpty() && e.exists && e.selectable) {
                try {
                    StatusCommand.write(s, e.name, s.mailboxes().open(s.path(e.name)), statusItems);
                } catch (dev.letterbox.core.store.StoreException ignored) {
                    // RFC 5819 §2: a mailbox that cannot be opened gets no STATUS response
                }
            }
        }
        return Result.ok(verb + " completed");
    }

    private static List<String> options(Cursor c) {
        List<String> o = new ArrayList<>();
        c.expect('(');
        while (c.ok() && c.peek() != ')') {
            o.add(c.atom().toUpperCase(Locale.ROOT));
            if (c.peek() != ')') c.sp();
        }
        c.expect(')');
        return o;
    }

    private static Map<String, Entry> entries(ImapSession s) {
        char d = s.delimiter();
        Map<String, Entry> all = new TreeMap<>((a, b) -> {
            boolean ai = a.equals("INBOX"), bi = b.equals("INBOX");
            if (ai != bi) return ai ? -1 : 1;
            return a.compareTo(b);
        });
        for (MailboxInfo i : s.mailboxes().list()) {
            Entry e = all.computeIfAbsent(s.name(i.path()), Entry::new);
            e.exists = true;
            e.selectable = i.selectable();
            e.specialUse = i.specialUse().map(u -> u.attribute()).orElse(null);
        }
        if (!all.containsKey("INBOX")) {
            Entry inbox = new Entry("INBOX");
            inbox.exists = true;
            inbox.selectable = true;
            all.put("INBOX", inbox);
        }
        for (MailboxPath p : s.mailboxes().subscriptions()) {
            all.computeIfAbsent(s.name(p), Entry::new).subscribed = true;
        }
        Map<String, Entry> copy = new HashMap<>(all);
        for (Entry e : copy.values()) {
            int i = e.name.lastIndexOf(d);
            while (i > 0) {
                Entry parent = all.get(e.name.substring(0, i));
                if (parent != null) {
                    if (e.exists) parent.hasChildren = true;
                    if (e.subscribed) parent.childSubscribed = true;
                }
                i = e.name.lastIndexOf(d, i - 1);
            }
        }
        return all;
    }

    /** Reference + pattern (RFC 9051 §6.3.9), INBOX case-insensitive. */
    static String canonical(String ref, String pattern, char d) {
        String p;
        if (ref.isEmpty() || pattern.startsWith(String.valueOf(d))) p = pattern;
        else if (ref.endsWith(String.valueOf(d))) p = ref + pattern;
        else p = ref + d + pattern;
        if (p.length() >= 5 && p.substring(0, 5).equalsIgnoreCase("INBOX") && (p.length() == 5 || p.charAt(5) == d)) {
            p = "INBOX" + p.substring(5);
        }
        return p;
    }

    /** Like {@link #matches}, with the INBOX part of names compared case-insensitively (RFC 9051 §5.1). */
    static boolean matchesMailbox(String name, String pattern, char d) {
        if (matches(name, pattern, d)) return true;
        if (!name.equals("INBOX") && !name.startsWith("INBOX" + d)) return false;
        int seg = pattern.indexOf(d);
        String head = seg < 0 ? pattern : pattern.substring(0, seg);
        String folded = head.toLowerCase(java.util.Locale.ROOT) + (seg < 0 ? "" : pattern.substring(seg));
        return matches("inbox" + name.substring(5), folded, d);
    }

    /**
     * {@code *} matches anything, {@code %} anything but the delimiter. Dynamic programming over
     * (pattern position, name position), so hostile patterns cost O(n·m), never exponential time.
     */
    static boolean matches(String name, String pattern, char d) {
        int n = name.length(), m = pattern.length();
        boolean[] prev = new boolean[n + 1];
        boolean[] cur = new boolean[n + 1];
        prev[0] = true;
        for (int j = 1; j <= m; j++) {
            char pc = pattern.charAt(j - 1);
            if (pc == '*' || pc == '%') {
                cur[0] = prev[0];
                for (int i = 1; i <= n; i++) {
                    boolean extend = cur[i - 1] && (pc == '*' || name.charAt(i - 1) != d);
                    cur[i] = prev[i] || extend;
                }
            } else {
                cur[0] = false;
                for (int i = 1; i <= n; i++) cur[i] = prev[i - 1] && name.charAt(i - 1) == pc;
            }
            boolean[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[n];
    }
}
