package dev.letterbox.imap4.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.event.ChangeHub;
import dev.letterbox.core.event.MailboxChange;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.RecentTracker;
import dev.letterbox.imap4.internal.SelectedView;
import dev.letterbox.imap4.internal.codec.Cursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-session view (ARCHITECTURE §4; RFC 9051 §7.5.1, RFC 3501 §7.4.1), driven event by event. */
class SelectedViewTest {
    static final MailboxId ID = new MailboxId("mb1");
    static final Origin OTHER = new Origin("other");
    static final Origin SELF = new Origin("self");

    /** A mailbox held in a sorted map; only what the view reads. */
    static final class FakeMailbox implements Mailbox {
        final TreeMap<Long, MessageMeta> msgs = new TreeMap<>();
        long next = 1;
        long modSeq = 1;
        long uidValidity = 42;
        int failNextReads;

        long add() {
            long uid = next++;
            msgs.put(uid, new MessageMeta(uid, Set.of(), Instant.EPOCH, 10, ++modSeq));
            return uid;
        }

        MessageMeta flag(long uid, Flag... f) {
            MessageMeta m = new MessageMeta(uid, Set.of(f), Instant.EPOCH, 10, ++modSeq);
            msgs.put(uid, m);
            return m;
        }

        public MailboxId id() { return ID; }
        public MailboxPath path() { return MailboxPath.INBOX; }
        public MailboxStatus status() { return new MailboxStatus(uidValidity, next, modSeq, msgs.size(), 0, 0, 0); }
        public UidSet allUids() { return UidSet.of(msgs.keySet().stream().mapToLong(Long::longValue).toArray()); }
        public List<MessageMeta> metaAfter(long uid) {
            if (failNextReads > 0) {
                failNextReads--;
                throw new dev.letterbox.core.store.StoreException.TemporaryFailure("down", null);
            }
            return new ArrayList<>(msgs.tailMap(uid, false).values());
        }
        public List<MessageMeta> meta(UidSet uids) {
            List<MessageMeta> l = new ArrayList<>();
            for (MessageMeta m : msgs.values()) if (uids.contains(m.uid())) l.add(m);
            return l;
        }
        public MessageContent content(long uid) { throw new UnsupportedOperationException(); }
        public MessageMeta append(MessageSource s, Set<Flag> f, Instant d) { throw new UnsupportedOperationException(); }
        public List<MessageMeta> updateFlags(UidSet u, FlagOp op, Set<Flag> f) { throw new UnsupportedOperationException(); }
        public UidSet delete(UidSet uids) {
            UidSet.Builder b = UidSet.builder();
            for (long u : uids.toArray()) if (msgs.remove(u) != null) b.add(u);
            return b.build();
        }
        public CopyResult copyTo(UidSet u, Mailbox t) { throw new UnsupportedOperationException(); }
    }

    /** A hub with one listener. */
    static final class OneHub implements ChangeHub {
        Consumer<MailboxChange> listener;
        public Subscription subscribe(MailboxId m, Consumer<MailboxChange> l) {
            listener = l;
            return () -> listener = null;
        }
        public void publish(MailboxChange c) {
            if (listener != null) listener.accept(c);
        }
    }

    /** Records the untagged responses of a drain as text. */
    static final class Rec implements SelectedView.Sink {
        final List<String> lines = new ArrayList<>();
        public void expunge(int msn) { lines.add(msn + " EXPUNGE"); }
        public void exists(int n) { lines.add(n + " EXISTS"); }
        public void recent(int n) { lines.add(n + " RECENT"); }
        public void flags(int msn, MessageMeta m, boolean r) {
            lines.add(msn + " FLAGS " + m.flags().stream().map(Flag::name).sorted().toList());
        }
    }

    FakeMailbox mb;
    OneHub hub;
    SelectedView view;

    @BeforeEach
    void setUp() {
        mb = new FakeMailbox();
        for (int i = 0; i < 5; i++) mb.add();
        hub = new OneHub();
        view = SelectedView.open(mb, hub, "self", false, 100, null);
    }

    List<String> drain(boolean allowExpunge) {
        Rec r = new Rec();
        assertThat(view.drain(allowExpunge, false, r)).isEqualTo(SelectedView.Fatal.NONE);
        return r.lines;
    }

    void expungeByOther(long... uids) {
        UidSet gone = mb.delete(UidSet.of(uids));
        hub.publish(new MailboxChange.MessagesExpunged(ID, gone, OTHER));
    }

    void addByOther() {
        long uid = mb.add();
        hub.publish(new MailboxChange.MessagesAdded(ID, UidSet.of(uid), OTHER));
    }

    /**
     * Runs a script of events and drains against the five-message view and returns each drain's lines
     * ({@code -} for none), drains separated by {@code " / "}. Script words: {@code a} another session
     * adds a message; {@code A<uid>} a duplicated or stale add hint only; {@code x<uid>} another session
     * expunges; {@code X<uid>} a duplicated expunge event only; {@code f<uid><S|F|SF|->} another session
     * sets the flags (\Seen, \Flagged); {@code s<uid>} the oldest flag event of that UID arrives again,
     * late; {@code E} a drain where EXPUNGE is allowed (NOOP, UID commands, IDLE); {@code W} a drain
     * after a non-UID FETCH/STORE/SEARCH (EXPUNGE withheld, RFC 9051 §7.5.1).
     */
    String run(String script) {
        List<String> drains = new ArrayList<>();
        java.util.Map<Long, MessageMeta> firstFlags = new java.util.HashMap<>();
        for (String w : script.trim().split("\\s+")) {
            char k = w.charAt(0);
            long uid = w.length() > 1 && Character.isDigit(w.charAt(1)) ? Long.parseLong(w.replaceAll("[^0-9]", "")) : 0;
            switch (k) {
                case 'a' -> addByOther();
                case 'A' -> hub.publish(new MailboxChange.MessagesAdded(ID, UidSet.of(uid), OTHER));
                case 'x' -> expungeByOther(uid);
                case 'X' -> hub.publish(new MailboxChange.MessagesExpunged(ID, UidSet.of(uid), OTHER));
                case 'f' -> {
                    String fl = w.replaceAll("^f[0-9]+", "");
                    List<Flag> flags = new ArrayList<>();
                    if (fl.contains("S")) flags.add(Flag.SEEN);
                    if (fl.contains("F")) flags.add(Flag.FLAGGED);
                    MessageMeta m = mb.flag(uid, flags.toArray(Flag[]::new));
                    firstFlags.putIfAbsent(uid, m);
                    hub.publish(new MailboxChange.FlagsChanged(ID, List.of(m), OTHER));
                }
                case 's' -> hub.publish(new MailboxChange.FlagsChanged(ID, List.of(firstFlags.get(uid)), OTHER));
                case 'E', 'W' -> {
                    List<String> l = drain(k == 'E');
                    drains.add(l.isEmpty() ? "-" : String.join("; ", l));
                }
                default -> throw new IllegalArgumentException(w);
            }
        }
        return String.join(" / ", drains);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", textBlock = """
            # changes between the previous command and IDLE: IDLE's first drain reports them
            a x5 E                  => 5 EXPUNGE; 5 EXISTS
            f1S a E                 => 1 FLAGS [\\Seen]; 6 EXISTS
            # EXISTS with a withheld expunge counts the message the client still has (never shrinks)
            x2 a W E                => 6 EXISTS / 2 EXPUNGE
            x2 W W a E              => - / - / 2 EXPUNGE; 5 EXISTS
            f5F x4 a W E            => 5 FLAGS [\\Flagged]; 6 EXISTS / 4 EXPUNGE
            x2 W x3 E               => - / 3 EXPUNGE; 2 EXPUNGE
            # duplicated and reordered add hints
            a A6 A3 a E             => 7 EXISTS
            a E A6 A6 A2 E          => 6 EXISTS / -
            A9 E a E                => - / 6 EXISTS
            a x6 W E                => - / -
            # flags changed twice (and a stale event) before a drain: the newest, once
            f2S f2SF s2 W           => 2 FLAGS [\\Flagged, \\Seen]
            f2S f2SF s2 E s2 E      => 2 FLAGS [\\Flagged, \\Seen] / -
            f2S x2 W E              => - / 2 EXPUNGE
            f3F f3- E               => 3 FLAGS []
            # expunge: idempotent by UID, highest MSN first
            x3 X3 x3 E E            => 3 EXPUNGE / -
            x1 x5 x3 E              => 5 EXPUNGE; 3 EXPUNGE; 1 EXPUNGE
            x1 E X1 E               => 1 EXPUNGE / -
            """)
    void table_of_event_sequences_and_drain_modes_rfc9051_s7_5_1(String script, String expected) {
        assertThat(run(script)).isEqualTo(expected);
    }

    @Test
    void expunges_are_reported_from_the_highest_msn_down() {
        expungeByOther(2, 4);
        assertThat(drain(true)).containsExactly("4 EXPUNGE", "2 EXPUNGE");
        assertThat(view.exists()).isEqualTo(3);
        assertThat(view.uidAt(2)).isEqualTo(3);
    }

    @Test
    void expunge_is_withheld_after_non_uid_fetch_but_exists_counts_the_client_view_rfc9051_s7_5_1() {
        expungeByOther(1);
        addByOther();
        // the client still knows 5 messages (UID 1 included) + 1 new = 6
        assertThat(drain(false)).containsExactly("6 EXISTS");
        assertThat(view.msnOf(1)).isEqualTo(1);
        assertThat(drain(true)).containsExactly("1 EXPUNGE");
        assertThat(view.exists()).isEqualTo(5);
    }

    @Test
    void withheld_expunges_stay_pending_across_several_withholding_drains() {
        expungeByOther(3);
        assertThat(drain(false)).isEmpty();
        assertThat(drain(false)).isEmpty();
        assertThat(drain(true)).containsExactly("3 EXPUNGE");
        assertThat(drain(true)).isEmpty();
    }

    @Test
    void duplicated_and_late_add_hints_never_renumber_the_view() {
        addByOther();
        hub.publish(new MailboxChange.MessagesAdded(ID, UidSet.of(6), OTHER));
        assertThat(drain(true)).containsExactly("6 EXISTS");
        hub.publish(new MailboxChange.MessagesAdded(ID, UidSet.of(6), OTHER)); // late duplicate
        hub.publish(new MailboxChange.MessagesAdded(ID, UidSet.of(3), OTHER)); // reordered, stale
        assertThat(drain(true)).isEmpty();
        assertThat(view.exists()).isEqualTo(6);
    }

    @Test
    void added_then_expunged_before_the_drain_is_never_shown() {
        addByOther();
        expungeByOther(6);
        assertThat(drain(true)).isEmpty();
        assertThat(view.exists()).isEqualTo(5);
    }

    @Test
    void flags_changed_twice_before_a_drain_report_the_newest_once() {
        MessageMeta first = mb.flag(2, Flag.SEEN);
        MessageMeta second = mb.flag(2, Flag.SEEN, Flag.FLAGGED);
        hub.publish(new MailboxChange.FlagsChanged(ID, List.of(second), OTHER));
        hub.publish(new MailboxChange.FlagsChanged(ID, List.of(first), OTHER)); // arrives late
        assertThat(drain(false)).containsExactly("2 FLAGS [\\Flagged, \\Seen]");
    }

    @Test
    void own_flag_changes_and_expunges_are_not_echoed() {
        hub.publish(new MailboxChange.FlagsChanged(ID, List.of(mb.flag(1, Flag.SEEN)), SELF));
        UidSet gone = mb.delete(UidSet.of(2));
        hub.publish(new MailboxChange.MessagesExpunged(ID, gone, SELF));
        assertThat(drain(true)).isEmpty();
        Rec r = new Rec();
        view.expungedBySelf(gone, r);
        assertThat(r.lines).containsExactly("2 EXPUNGE");
    }

    @Test
    void expunge_is_idempotent_by_uid_when_two_sessions_expunge_the_same_messages() {
        UidSet gone = mb.delete(UidSet.of(2, 3));
        hub.publish(new MailboxChange.MessagesExpunged(ID, gone, OTHER));
        hub.publish(new MailboxChange.MessagesExpunged(ID, UidSet.of(2, 3), OTHER));
        Rec r = new Rec();
        view.expungedBySelf(UidSet.of(3), r); // our own EXPUNGE raced with theirs
        assertThat(r.lines).containsExactly("3 EXPUNGE");
        assertThat(drain(true)).containsExactly("2 EXPUNGE");
        assertThat(view.exists()).isEqualTo(3);
    }

    @Test
    void changes_between_the_last_command_and_idle_are_reported_by_the_first_drain() {
        addByOther();
        expungeByOther(5);
        assertThat(view.hasPending()).isTrue();
        assertThat(drain(true)).containsExactly("5 EXPUNGE", "5 EXISTS");
        assertThat(view.hasPending()).isFalse();
    }

    @Test
    void mailbox_deleted_or_uidvalidity_changed_is_fatal() {
        hub.publish(new MailboxChange.MailboxDeleted(ID, OTHER));
        assertThat(view.drain(true, false, new Rec())).isEqualTo(SelectedView.Fatal.DELETED);
        setUp();
        hub.publish(new MailboxChange.UidValidityChanged(ID, 43, OTHER));
        assertThat(view.drain(false, false, new Rec())).isEqualTo(SelectedView.Fatal.UIDVALIDITY_CHANGED);
    }

    @Test
    void a_flooded_queue_collapses_into_a_full_resync() {
        view.close();
        view = SelectedView.open(mb, hub, "self", false, 3, null);
        for (long u = 1; u <= 5; u++) {
            hub.publish(new MailboxChange.FlagsChanged(ID, List.of(mb.flag(u, Flag.SEEN)), OTHER));
        }
        expungeByOther(1);
        addByOther();
        List<String> out = drain(true);
        assertThat(out).startsWith("1 EXPUNGE");
        assertThat(out).contains("1 FLAGS [\\Seen]", "4 FLAGS [\\Seen]", "5 EXISTS");
        assertThat(view.exists()).isEqualTo(5);
    }

    @Test
    void a_store_failure_during_a_drain_loses_nothing_the_next_drain_resyncs() {
        addByOther();
        expungeByOther(2);
        mb.failNextReads = 1;
        Rec failed = new Rec();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> view.drain(true, false, failed))
                .isInstanceOf(dev.letterbox.core.store.StoreException.class);
        assertThat(failed.lines).containsExactly("2 EXPUNGE"); // what was told before the failure stands
        List<String> out = drain(true);
        assertThat(out).endsWith("5 EXISTS");
        assertThat(view.exists()).isEqualTo(5);
        assertThat(view.msnOf(2)).isZero();
        assertThat(view.msnOf(6)).isEqualTo(5);
    }

    @Test
    void signal_fires_on_every_change_without_blocking() {
        int[] n = {0};
        view.onSignal(() -> n[0]++);
        addByOther();
        expungeByOther(1);
        assertThat(n[0]).isEqualTo(2);
    }

    @Test
    void recent_is_claimed_by_the_first_read_write_session_only_rfc3501_s2_3_2() {
        RecentTracker t = new RecentTracker();
        view.close();
        SelectedView a = SelectedView.open(mb, hub, "a", false, 100, t);
        assertThat(a.recentCount()).isEqualTo(5);
        SelectedView b = SelectedView.open(mb, new OneHub(), "b", false, 100, t);
        assertThat(b.recentCount()).isZero();
        SelectedView ro = SelectedView.open(mb, new OneHub(), "c", true, 100, t);
        assertThat(ro.recentCount()).isZero();
    }

    @ParameterizedTest(name = "{0} (uid={1}) -> {2}")
    @CsvSource(delimiter = ';', value = {
        "1:*; false; 1:5",
        "*; false; 5",
        "2,4:3; false; 2:4",
        "3:*; true; 3:5",
        "9:*; true; 5",
        "6:9; true; ''",
        "1,5; true; 1,5",
    })
    void sequence_sets_resolve_against_the_client_view(String set, boolean uid, String expected) {
        Cursor c = Cursor.of(set);
        assertThat(view.resolve(c.sequenceSet(), uid, UidSet.empty()).toString()).isEqualTo(expected);
    }

    @Test
    void msn_beyond_the_view_is_an_error_and_saved_result_is_restricted_to_the_view() {
        assertThatThrownBy(() -> view.resolve(Cursor.of("6").sequenceSet(), false, UidSet.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(view.resolve(Cursor.of("$").sequenceSet(), false, UidSet.of(2, 9)).toString()).isEqualTo("2");
    }

    @Test
    void msns_refer_to_what_the_client_knows_not_to_the_store() {
        expungeByOther(1);
        // not drained yet: MSN 1 is still UID 1 for this client
        assertThat(view.resolve(Cursor.of("1").sequenceSet(), false, UidSet.empty()).toString()).isEqualTo("1");
    }
}
