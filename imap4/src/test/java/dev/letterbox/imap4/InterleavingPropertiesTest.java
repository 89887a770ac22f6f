package dev.letterbox.imap4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random interleavings of three sessions on one mailbox (plus host deliveries). Each client's view is
 * replayed only from what it was told; the responses must keep the RFC ordering rules at every step
 * (no EXPUNGE after non-UID FETCH/STORE/SEARCH, EXPUNGE/FETCH numbers within the view, EXISTS never
 * shrinking the view), and after a NOOP every client's view equals the store.
 */
class InterleavingPropertiesTest {
    private static final Pattern EXPUNGE = Pattern.compile("^\\* (\\d+) EXPUNGE$");
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS$");
    private static final Pattern FETCH = Pattern.compile("^\\* (\\d+) FETCH \\((.*)\\)$");
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");

    /** What one client knows: UIDs by MSN (0 = not learned yet) and the last flags it was told. */
    static final class Model {
        final List<Long> uids = new ArrayList<>();
        final List<String> flags = new ArrayList<>();

        void apply(String out, boolean expungeAllowed) {
            for (String line : ImapHarness.Client.split(out)) {
                Matcher m;
                if ((m = EXPUNGE.matcher(line)).matches()) {
                    assertThat(expungeAllowed).as("EXPUNGE sent where forbidden: %s", out).isTrue();
                    int n = Integer.parseInt(m.group(1));
                    assertThat(n).as("EXPUNGE within view").isBetween(1, uids.size());
                    uids.remove(n - 1);
                    flags.remove(n - 1);
                } else if ((m = EXISTS.matcher(line)).matches()) {
                    int n = Integer.parseInt(m.group(1));
                    assertThat(n).as("EXISTS never shrinks the view: %s", out).isGreaterThanOrEqualTo(uids.size());
                    while (uids.size() < n) {
                        uids.add(0L);
                        flags.add(null);
                    }
                } else if ((m = FETCH.matcher(line)).matches()) {
                    int n = Integer.parseInt(m.group(1));
                    assertThat(n).as("FETCH within view: %s", out).isBetween(1, uids.size());
                    Matcher u = UID.matcher(m.group(2));
                    if (u.find()) {
                        long uid = Long.parseLong(u.group(1));
                        if (uids.get(n - 1) == 0) uids.set(n - 1, uid);
                        else assertThat(uids.get(n - 1)).as("MSN %d keeps its UID", n).isEqualTo(uid);
                    }
                    Matcher f = FLAGS.matcher(m.group(2));
                    if (f.find()) flags.set(n - 1, normalise(f.group(1)));
                }
            }
        }
    }

    static String normalise(String flags) {
        TreeSet<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String f : flags.trim().split(" ")) if (!f.isEmpty() && !f.equals("\\Recent")) s.add(f);
        return String.join(" ", s);
    }

    /** OK, or NO [EXPUNGEISSUED] when the client referred to a message another session expunged (RFC 2180). */
    static String okOrGone(ImapHarness.Client c, String line) {
        String tag = line.substring(0, line.indexOf(' '));
        String out = c.send(line);
        assertThat(ImapHarness.Client.lastLine(out)).as(out).matches(java.util.regex.Pattern.quote(tag) + " (OK|NO \\[EXPUNGEISSUED\\]) .*");
        return out;
    }

    static String done(ImapHarness.Client c) {
        String out = c.send("DONE");
        assertThat(ImapHarness.Client.lastLine(out)).as(out).isEqualTo("i OK IDLE terminated");
        return out;
    }

    /** The client's view after a sync (NOOP): same messages as the store; every UID and flag it was told is current. */
    static void assertSynced(Model m, Mailbox inbox, int who) {
        List<MessageMeta> store = inbox.meta(inbox.allUids());
        assertThat(m.uids).as("client %d message count after NOOP", who).hasSize(store.size());
        for (int k = 0; k < store.size(); k++) {
            if (m.uids.get(k) != 0) {
                assertThat(m.uids.get(k)).as("client %d UID of MSN %d", who, k + 1).isEqualTo(store.get(k).uid());
            }
            if (m.flags.get(k) == null) continue;
            assertThat(m.flags.get(k)).as("client %d flags of MSN %d told without asking", who, k + 1)
                    .isEqualTo(normalise(String.join(" ", store.get(k).flags().stream().map(Flag::name).toList())));
        }
    }

    /**
     * N sessions (2–4) on one INBOX plus host deliveries; sessions FETCH, STORE, SEARCH (UID and not),
     * EXPUNGE, UID EXPUNGE, UID MOVE away, APPEND, NOOP and IDLE/DONE in random order. After every step
     * the responses each client received are replayed into its model and checked against the RFC
     * ordering rules (RFC 9051 §7.5.1: no EXPUNGE during non-UID FETCH/STORE/SEARCH; EXPUNGE and FETCH
     * numbers inside the view; EXISTS never below the view); whenever a client syncs (NOOP) its model
     * must equal the store. Idling clients get pushes at any step (RFC 2177), all with EXPUNGE allowed.
     */
    @Property(tries = 80)
    void views_replayed_from_responses_match_the_store(
            @ForAll @IntRange(min = 2, max = 4) int sessions,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 100_000) Integer> ops) {
        ImapHarness h = new ImapHarness();
        for (int i = 0; i < 3; i++) h.deliver("alice", ImapHarness.msg("seed" + i));
        Mailbox inbox = h.tracked.store().open("alice").open(MailboxPath.INBOX);
        List<ImapHarness.Client> clients = new ArrayList<>();
        List<Model> models = new ArrayList<>();
        boolean[] idling = new boolean[sessions];
        for (int i = 0; i < sessions; i++) {
            ImapHarness.Client c = h.alice();
            Model m = new Model();
            m.apply(c.ok("s SELECT INBOX"), true);
            m.apply(c.ok("f UID FETCH 1:* (FLAGS)"), true);
            clients.add(c);
            models.add(m);
        }
        int step = 0;
        for (int op : ops) {
            int kind = op % 12;
            int who = (op / 12) % sessions;
            int arg = op / (12 * sessions);
            ImapHarness.Client c = clients.get(who);
            Model m = models.get(who);
            String t = "t" + step++;
            if (idling[who] && kind != 0 && kind != 8) {
                m.apply(done(c), true);
                idling[who] = false;
            }
            int size = m.uids.size();
            switch (kind) {
                case 0 -> h.deliver("alice", ImapHarness.msg("new" + step));
                case 1 -> {
                    if (size > 0) m.apply(okOrGone(c, t + " STORE " + (arg % size + 1) + " +FLAGS (\\Seen)"), false);
                }
                case 2 -> {
                    if (size > 0) {
                        m.apply(okOrGone(c, t + " STORE " + (arg % size + 1) + " +FLAGS.SILENT (\\Deleted)"), false);
                        m.apply(c.ok(t + "x EXPUNGE"), true);
                    }
                }
                case 3 -> {
                    m.apply(c.ok(t + " NOOP"), true);
                    assertSynced(m, inbox, who);
                }
                case 4 -> {
                    if (size > 0) m.apply(okOrGone(c, t + " FETCH 1:* (UID)"), false);
                }
                case 5 -> m.apply(c.ok(t + " UID SEARCH ALL"), true);
                case 6 -> m.apply(c.ok(t + " SEARCH ALL"), false);
                case 7 -> {
                    if (size > 0) m.apply(okOrGone(c, t + " UID STORE " + (arg % 5 + 1) + " -FLAGS (\\Seen)"), true);
                }
                case 8 -> {
                    if (idling[who]) {
                        m.apply(done(c), true);
                        idling[who] = false;
                    } else {
                        String out = c.send("i IDLE");
                        assertThat(out).startsWith("+ idling\r\n");
                        m.apply(out, true);
                        idling[who] = true;
                    }
                }
                case 9 -> {
                    if (size > 0) m.apply(c.ok(t + " UID MOVE " + (arg % 6 + 1) + " Archive"), true);
                }
                case 10 -> m.apply(c.ok(t + " APPEND INBOX {5+}\r\nhello"), true);
                default -> {
                    if (size > 0) {
                        m.apply(okOrGone(c, t + " UID STORE " + (arg % 6 + 1) + " +FLAGS.SILENT (\\Deleted)"), true);
                        m.apply(c.ok(t + "x UID EXPUNGE " + (arg % 6 + 1)), true);
                    }
                }
            }
            // pushes to idling clients happen at any time (RFC 2177): replay them now
            for (int i = 0; i < sessions; i++) {
                if (idling[i]) models.get(i).apply(clients.get(i).conn.takeOutput(), true);
            }
        }
        for (int i = 0; i < sessions; i++) {
            Model m = models.get(i);
            ImapHarness.Client c = clients.get(i);
            if (idling[i]) m.apply(done(c), true);
            m.apply(c.ok("z1 NOOP"), true);
            assertSynced(m, inbox, i);
            List<MessageMeta> store = inbox.meta(inbox.allUids());
            m.apply(c.ok("z2 FETCH 1:* (UID FLAGS)".replace("1:*", m.uids.isEmpty() ? "*" : "1:*")), false);
            assertThat(m.uids).as("client %d UIDs", i).containsExactlyElementsOf(store.stream().map(MessageMeta::uid).toList());
            List<String> want = store.stream().map(x -> normalise(String.join(" ",
                    x.flags().stream().map(Flag::name).toList()))).toList();
            assertThat(m.flags).as("client %d flags", i).containsExactlyElementsOf(want);
        }
    }
}
