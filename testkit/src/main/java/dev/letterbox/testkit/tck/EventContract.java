package dev.letterbox.testkit.tck;

import static dev.letterbox.testkit.tck.Tck.DATE;
import static dev.letterbox.testkit.tck.Tck.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.MailboxChange;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every mutation made through {@link TrackedStore} over the host's store publishes exactly the
 * UID-keyed change it made, with the session's origin (ARCHITECTURE §4).
 */
@SuppressWarnings("try")
public interface EventContract extends TckContext {
    Origin SESSION = new Origin("tck-session");

    /** A tracked view of the store under test, recording everything published. */
    final class Recorder {
        final InMemoryChangeHub hub = new InMemoryChangeHub();
        final List<MailboxChange> changes = new CopyOnWriteArrayList<>();
        final TrackedStore tracked;
        final UserMailboxes mailboxes;

        Recorder(TckContext ctx) {
            tracked = new TrackedStore(ctx.store(), hub);
            hub.subscribeAll(changes::add);
            mailboxes = tracked.open(ctx.user(), SESSION);
        }

        Mailbox open(MailboxPath p) {
            TckContext.openOrCreate(mailboxes, p);
            changes.clear();
            return mailboxes.open(p);
        }

        List<MailboxChange> take() {
            List<MailboxChange> out = List.copyOf(changes);
            changes.clear();
            return out;
        }
    }

    @Test
    default void append_publishes_messages_added_with_the_origin() {
        Recorder r = new Recorder(this);
        Mailbox inbox = r.open(MailboxPath.INBOX);
        MessageMeta m = inbox.append(source("e"), Set.of(), DATE);
        assertThat(r.take()).containsExactly(new MailboxChange.MessagesAdded(inbox.id(), UidSet.of(m.uid()), SESSION));
    }

    @Test
    default void flag_changes_publish_the_new_metas_and_no_ops_publish_nothing() {
        Recorder r = new Recorder(this);
        Mailbox inbox = r.open(MailboxPath.INBOX);
        long uid = inbox.append(source("f"), Set.of(), DATE).uid();
        r.take();
        List<MessageMeta> changed = inbox.updateFlags(UidSet.of(uid), FlagOp.ADD, Set.of(Flag.SEEN));
        assertThat(r.take()).containsExactly(new MailboxChange.FlagsChanged(inbox.id(), changed, SESSION));
        inbox.updateFlags(UidSet.of(uid), FlagOp.ADD, Set.of(Flag.SEEN));
        assertThat(r.take()).isEmpty();
    }

    @Test
    default void expunge_publishes_only_what_was_removed() {
        Recorder r = new Recorder(this);
        Mailbox inbox = r.open(MailboxPath.INBOX);
        long a = inbox.append(source("a"), Set.of(), DATE).uid();
        r.take();
        inbox.delete(UidSet.of(a, a + 10));
        assertThat(r.take()).containsExactly(new MailboxChange.MessagesExpunged(inbox.id(), UidSet.of(a), SESSION));
        inbox.delete(UidSet.of(a));
        assertThat(r.take()).isEmpty();
    }

    @Test
    default void copy_publishes_added_on_the_target_and_move_also_expunged_on_the_source_rfc6851() {
        Recorder r = new Recorder(this);
        Mailbox target = r.open(MailboxPath.of("tck-ev-target"));
        Mailbox inbox = r.open(MailboxPath.INBOX);
        long a = inbox.append(source("a"), Set.of(), DATE).uid();
        long b = inbox.append(source("b"), Set.of(), DATE).uid();
        r.take();
        Mailbox.CopyResult c = inbox.copyTo(UidSet.of(a), target);
        assertThat(r.take()).containsExactly(new MailboxChange.MessagesAdded(target.id(), c.targetSet(), SESSION));
        Mailbox.CopyResult mv = inbox.moveTo(UidSet.of(b), target).orElseThrow();
        assertThat(r.take()).containsExactlyInAnyOrder(
                new MailboxChange.MessagesAdded(target.id(), mv.targetSet(), SESSION),
                new MailboxChange.MessagesExpunged(inbox.id(), UidSet.of(b), SESSION));
        assertThat(inbox.allUids()).isEqualTo(UidSet.of(a));
    }

    @Test
    default void rename_publishes_renamed_for_the_mailbox_and_each_descendant() {
        Recorder r = new Recorder(this);
        r.mailboxes.create(MailboxPath.of("tck-ev", "kid"), Optional.empty());
        var top = r.open(MailboxPath.of("tck-ev")).id();
        var kid = r.mailboxes.open(MailboxPath.of("tck-ev", "kid")).id();
        r.mailboxes.rename(MailboxPath.of("tck-ev"), MailboxPath.of("tck-ev2"));
        assertThat(r.take()).containsExactlyInAnyOrder(
                new MailboxChange.MailboxRenamed(top, MailboxPath.of("tck-ev"), MailboxPath.of("tck-ev2"), SESSION),
                new MailboxChange.MailboxRenamed(kid, MailboxPath.of("tck-ev", "kid"), MailboxPath.of("tck-ev2", "kid"),
                        SESSION));
    }

    @Test
    default void delete_publishes_mailbox_deleted() {
        Recorder r = new Recorder(this);
        var id = r.open(MailboxPath.of("tck-ev-del")).id();
        r.mailboxes.delete(MailboxPath.of("tck-ev-del"));
        assertThat(r.take()).containsExactly(new MailboxChange.MailboxDeleted(id, SESSION));
    }

    @Test
    default void inbox_rename_publishes_expunge_of_the_moved_messages_rfc3501_s6_3_5() {
        Recorder r = new Recorder(this);
        Mailbox inbox = r.open(MailboxPath.INBOX);
        long a = inbox.append(source("a"), Set.of(), DATE).uid();
        r.take();
        r.mailboxes.rename(MailboxPath.INBOX, MailboxPath.of("tck-ev-inbox-old"));
        assertThat(r.take()).containsExactly(new MailboxChange.MessagesExpunged(inbox.id(), UidSet.of(a), SESSION));
    }

    @Test
    default void deliver_publishes_with_host_origin() {
        Recorder r = new Recorder(this);
        Mailbox inbox = r.open(MailboxPath.INBOX);
        MessageMeta m = r.tracked.deliver(user(), MailboxPath.INBOX, source("d"), Set.of(), DATE);
        assertThat(r.take()).containsExactly(new MailboxChange.MessagesAdded(inbox.id(), UidSet.of(m.uid()), Origin.HOST));
    }

    @Test
    default void subscribers_of_one_mailbox_see_only_its_changes() {
        Recorder r = new Recorder(this);
        Mailbox a = r.open(MailboxPath.of("tck-ev-a"));
        Mailbox inbox = r.open(MailboxPath.INBOX);
        List<MailboxChange> onA = new CopyOnWriteArrayList<>();
        try (var sub = r.hub.subscribe(a.id(), onA::add)) {
            inbox.append(source("x"), Set.of(), DATE);
            long uid = a.append(source("y"), Set.of(), DATE).uid();
            assertThat(onA).containsExactly(new MailboxChange.MessagesAdded(a.id(), UidSet.of(uid), SESSION));
        }
    }
}
