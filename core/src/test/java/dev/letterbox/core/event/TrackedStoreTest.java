package dev.letterbox.core.event;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.ForwardingUserMailboxes;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackedStoreTest {
    private static final Instant T = Instant.parse("2024-01-02T03:04:05Z");
    private final Origin me = new Origin("s1");
    private TrackedStore tracked;
    private InMemoryChangeHub hub;
    private final List<MailboxChange> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        hub = new InMemoryChangeHub();
        tracked = new TrackedStore(InMemoryMailStore.create(), hub);
        hub.subscribeAll(seen::add);
    }

    private static MessageSource msg(String s) {
        return MessageSource.ofBytes(s.getBytes(US_ASCII));
    }

    @Test
    void each_mailbox_mutation_publishes_one_uid_keyed_change_with_the_origin() {
        UserMailboxes u = tracked.open("a", me);
        Mailbox inbox = u.open(MailboxPath.INBOX);
        Mailbox trash = u.open(MailboxPath.of("Trash"));
        inbox.append(msg("1\r\n"), Set.of(), T);
        inbox.append(msg("2\r\n"), Set.of(), T);
        inbox.updateFlags(UidSet.of(1), FlagOp.ADD, Set.of(Flag.SEEN));
        inbox.updateFlags(UidSet.of(1), FlagOp.ADD, Set.of(Flag.SEEN)); // no change: no event
        inbox.copyTo(UidSet.of(1), trash);
        inbox.moveTo(UidSet.of(2), trash);
        inbox.delete(UidSet.of(1));
        inbox.delete(UidSet.of(1)); // nothing left: no event
        assertThat(seen).allMatch(c -> c.origin().equals(me));
        assertThat(seen).extracting(c -> c.getClass().getSimpleName() + " " + (c.mailbox().equals(inbox.id()) ? "inbox" : "trash"))
                .containsExactly("MessagesAdded inbox", "MessagesAdded inbox", "FlagsChanged inbox",
                        "MessagesAdded trash", "MessagesAdded trash", "MessagesExpunged inbox", "MessagesExpunged inbox");
        assertThat(((MailboxChange.MessagesAdded) seen.get(4)).uids()).isEqualTo(UidSet.of(2));
        assertThat(((MailboxChange.MessagesExpunged) seen.get(5)).uids()).isEqualTo(UidSet.of(2));
    }

    @Test
    void move_falls_back_to_copy_and_delete_when_the_store_cannot_move() {
        var store = InMemoryMailStore.create();
        var noMove = new TrackedStore(user -> new NoMoveUserMailboxes(store.open(user)), hub);
        noMove.deliver("a", msg("x\r\n"));
        seen.clear();
        UserMailboxes u = noMove.open("a", me);
        Mailbox inbox = u.open(MailboxPath.INBOX);
        Mailbox junk = u.open(MailboxPath.of("Junk"));
        var r = inbox.moveTo(UidSet.of(1), junk).orElseThrow();
        assertThat(r.sourceUids()).containsExactly(1);
        assertThat(r.targetUids()).containsExactly(1);
        assertThat(inbox.status().messages()).isZero();
        assertThat(junk.status().messages()).isEqualTo(1);
        assertThat(seen).containsExactly(
                new MailboxChange.MessagesAdded(junk.id(), UidSet.of(1), me),
                new MailboxChange.MessagesExpunged(inbox.id(), UidSet.of(1), me));
    }

    @Test
    void delete_and_rename_publish_mailbox_events_for_the_whole_subtree() {
        UserMailboxes u = tracked.open("a", me);
        u.create(MailboxPath.of("p", "c"), Optional.empty());
        var p = u.open(MailboxPath.of("p")).id();
        var c = u.open(MailboxPath.of("p", "c")).id();
        u.rename(MailboxPath.of("p"), MailboxPath.of("q"));
        assertThat(seen).containsExactlyInAnyOrder(
                new MailboxChange.MailboxRenamed(p, MailboxPath.of("p"), MailboxPath.of("q"), me),
                new MailboxChange.MailboxRenamed(c, MailboxPath.of("p", "c"), MailboxPath.of("q", "c"), me));
        seen.clear();
        u.delete(MailboxPath.of("q", "c"));
        assertThat(seen).containsExactly(new MailboxChange.MailboxDeleted(c, me));
    }

    @Test
    void inbox_rename_publishes_expunge_of_the_moved_messages() {
        tracked.deliver("a", msg("1\r\n"));
        tracked.deliver("a", msg("2\r\n"));
        seen.clear();
        UserMailboxes u = tracked.open("a", me);
        var inbox = u.open(MailboxPath.INBOX).id();
        u.rename(MailboxPath.INBOX, MailboxPath.of("Saved"));
        assertThat(seen).containsExactly(new MailboxChange.MessagesExpunged(inbox, UidSet.range(1, 2), me));
    }

    @Test
    void deliver_publishes_with_host_origin() {
        var m = tracked.deliver("b", MailboxPath.INBOX, msg("hello\r\n"), Set.of(Flag.FLAGGED), T);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).origin()).isEqualTo(Origin.HOST);
        assertThat(((MailboxChange.MessagesAdded) seen.get(0)).uids()).isEqualTo(UidSet.of(m.uid()));
    }

    @Test
    void a_failing_hub_does_not_fail_a_committed_change() {
        ChangeHub broken = new ChangeHub() {
            @Override
            public Subscription subscribe(dev.letterbox.core.store.MailboxId mailbox,
                                          java.util.function.Consumer<MailboxChange> listener) {
                return () -> { };
            }

            @Override
            public void publish(MailboxChange change) {
                throw new IllegalStateException("hub down");
            }
        };
        TrackedStore t = new TrackedStore(InMemoryMailStore.create(), broken);
        var m = t.deliver("a", msg("x\r\n"));
        assertThat(t.store().open("a").open(MailboxPath.INBOX).allUids()).isEqualTo(UidSet.of(m.uid()));
    }

    @Test
    void deliver_creates_inbox_for_stores_that_do_not_have_one_yet() {
        var store = InMemoryMailStore.create();
        var noInbox = new TrackedStore(user -> new NoInboxUntilCreated(store.open(user)), hub);
        var m = noInbox.deliver("c", msg("first\r\n"));
        assertThat(store.open("c").open(MailboxPath.INBOX).allUids()).isEqualTo(UidSet.of(m.uid()));
    }

    @Test
    void deliver_to_a_missing_folder_other_than_inbox_is_no_such_mailbox() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> tracked.deliver("a", MailboxPath.of("Nope"), msg("x\r\n"), Set.of(), T))
                .isInstanceOf(dev.letterbox.core.store.StoreException.NoSuchMailbox.class);
        assertThat(seen).isEmpty();
    }

    /** A tree that pretends INBOX does not exist until someone creates it. */
    private static final class NoInboxUntilCreated extends ForwardingUserMailboxes {
        private boolean created;

        NoInboxUntilCreated(UserMailboxes d) {
            super(d);
        }

        @Override
        public Mailbox open(MailboxPath path) {
            if (path.isInbox() && !created) throw new dev.letterbox.core.store.StoreException.NoSuchMailbox("none yet");
            return delegate().open(path);
        }

        @Override
        public dev.letterbox.core.store.MailboxInfo create(MailboxPath path,
                                                          Optional<dev.letterbox.core.store.SpecialUse> use) {
            if (path.isInbox()) {
                created = true;
                return delegate().list().get(0);
            }
            return delegate().create(path, use);
        }
    }
}
