package dev.letterbox.testkit.tck;

import static dev.letterbox.testkit.tck.Tck.DATE;
import static dev.letterbox.testkit.tck.Tck.message;
import static dev.letterbox.testkit.tck.Tck.read;
import static dev.letterbox.testkit.tck.Tck.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CREATE, DELETE, RENAME, LIST and (UN)SUBSCRIBE (RFC 3501 §6.3, RFC 6154). */
public interface FolderContract extends TckContext {

    private static MailboxPath p(String... s) {
        return MailboxPath.of(s);
    }

    private Optional<MailboxInfo> info(MailboxPath path) {
        return mailboxes().list().stream().filter(i -> i.path().equals(path)).findFirst();
    }

    @Test
    default void inbox_exists_and_create_lists_the_new_mailbox_rfc3501_s6_3_3() {
        UserMailboxes u = mailboxes();
        inbox();
        assertThat(info(MailboxPath.INBOX)).hasValueSatisfying(i -> assertThat(i.selectable()).isTrue());
        MailboxInfo created = u.create(p("tck-new"), Optional.empty());
        assertThat(created.path()).isEqualTo(p("tck-new"));
        assertThat(info(p("tck-new"))).hasValueSatisfying(i -> {
            assertThat(i.selectable()).isTrue();
            assertThat(i.id()).isEqualTo(created.id());
        });
        assertThat(u.open(p("tck-new")).status().messages()).isZero();
    }

    @Test
    default void create_existing_is_mailbox_exists() {
        UserMailboxes u = mailboxes();
        inbox();
        u.create(p("tck-dup"), Optional.empty());
        assertThatThrownBy(() -> u.create(p("tck-dup"), Optional.empty())).isInstanceOf(StoreException.MailboxExists.class);
        assertThatThrownBy(() -> u.create(MailboxPath.INBOX, Optional.empty()))
                .isInstanceOf(StoreException.MailboxExists.class);
    }

    @Test
    default void create_makes_missing_parents_rfc3501_s6_3_3() {
        UserMailboxes u = mailboxes();
        u.create(p("tck-a", "b", "c"), Optional.empty());
        assertThat(info(p("tck-a"))).isPresent();
        assertThat(info(p("tck-a", "b"))).isPresent();
        assertThat(u.open(p("tck-a", "b", "c")).path()).isEqualTo(p("tck-a", "b", "c"));
    }

    @Test
    default void create_with_special_use_is_listed_and_found_rfc6154() {
        UserMailboxes u = mailboxes();
        u.create(p("tck-everything"), Optional.of(SpecialUse.ALL));
        assertThat(info(p("tck-everything")).orElseThrow().specialUse()).contains(SpecialUse.ALL);
        assertThat(u.findSpecialUse(SpecialUse.ALL)).map(MailboxInfo::path).contains(p("tck-everything"));
    }

    @Test
    default void open_of_a_missing_mailbox_is_no_such_mailbox() {
        assertThatThrownBy(() -> mailboxes().open(p("tck-missing"))).isInstanceOf(StoreException.NoSuchMailbox.class);
    }

    @Test
    default void delete_removes_mailbox_and_messages_rfc3501_s6_3_4() {
        UserMailboxes u = mailboxes();
        Mailbox m = folder("tck-del");
        m.append(source("x"), Set.of(), DATE);
        u.delete(p("tck-del"));
        assertThat(info(p("tck-del"))).isEmpty();
        assertThatThrownBy(() -> u.open(p("tck-del"))).isInstanceOf(StoreException.NoSuchMailbox.class);
        assertThatThrownBy(() -> u.delete(p("tck-del"))).isInstanceOf(StoreException.NoSuchMailbox.class);
    }

    @Test
    default void inbox_cannot_be_deleted_rfc3501_s6_3_4() {
        inbox();
        assertThatThrownBy(() -> mailboxes().delete(MailboxPath.INBOX)).isInstanceOf(StoreException.NotAllowed.class);
    }

    @Test
    default void delete_of_a_mailbox_with_children_leaves_a_noselect_parent_rfc3501_s6_3_4() {
        UserMailboxes u = mailboxes();
        u.create(p("tck-parent", "kid"), Optional.empty());
        Mailbox parent = TckContext.openOrCreate(u, p("tck-parent"));
        parent.append(source("in parent"), Set.of(), DATE);
        Mailbox kid = u.open(p("tck-parent", "kid"));
        kid.append(source("in kid"), Set.of(), DATE);
        u.delete(p("tck-parent"));
        assertThat(info(p("tck-parent"))).hasValueSatisfying(i -> assertThat(i.selectable()).isFalse());
        assertThatThrownBy(() -> u.open(p("tck-parent"))).isInstanceOf(StoreException.class);
        assertThat(u.open(p("tck-parent", "kid")).status().messages()).isEqualTo(1);
    }

    @Test
    default void rename_moves_the_mailbox_its_children_and_messages_keeping_ids_rfc3501_s6_3_5() {
        UserMailboxes u = mailboxes();
        u.create(p("tck-from", "child"), Optional.empty());
        Mailbox top = TckContext.openOrCreate(u, p("tck-from"));
        Mailbox child = u.open(p("tck-from", "child"));
        MessageMeta m = child.append(source(message("kept", "bytes")), Set.of(Flag.SEEN), DATE);
        long uidValidity = child.status().uidValidity();
        u.rename(p("tck-from"), p("tck-to"));
        assertThat(info(p("tck-from"))).isEmpty();
        assertThat(info(p("tck-from", "child"))).isEmpty();
        assertThat(info(p("tck-to"))).map(MailboxInfo::id).contains(top.id());
        assertThat(info(p("tck-to", "child"))).map(MailboxInfo::id).contains(child.id());
        Mailbox moved = u.open(p("tck-to", "child"));
        assertThat(moved.status().uidValidity()).isEqualTo(uidValidity);
        assertThat(moved.meta(dev.letterbox.core.store.UidSet.of(m.uid()))).extracting(MessageMeta::flags)
                .containsExactly(Set.of(Flag.SEEN));
        assertThat(read(moved.content(m.uid()))).isEqualTo(message("kept", "bytes"));
    }

    @Test
    default void rename_creates_missing_parents_of_the_new_name() {
        UserMailboxes u = mailboxes();
        u.create(p("tck-flat"), Optional.empty());
        u.rename(p("tck-flat"), p("tck-deep", "er", "flat"));
        assertThat(info(p("tck-deep"))).isPresent();
        assertThat(info(p("tck-deep", "er"))).isPresent();
        assertThat(u.open(p("tck-deep", "er", "flat"))).isNotNull();
    }

    @Test
    default void rename_errors_no_such_mailbox_and_mailbox_exists() {
        UserMailboxes u = mailboxes();
        inbox();
        u.create(p("tck-x"), Optional.empty());
        u.create(p("tck-y"), Optional.empty());
        assertThatThrownBy(() -> u.rename(p("tck-none"), p("tck-z"))).isInstanceOf(StoreException.NoSuchMailbox.class);
        assertThatThrownBy(() -> u.rename(p("tck-x"), p("tck-y"))).isInstanceOf(StoreException.MailboxExists.class);
        assertThatThrownBy(() -> u.rename(p("tck-x"), MailboxPath.INBOX)).isInstanceOf(StoreException.MailboxExists.class);
        assertThat(info(p("tck-x"))).isPresent();
    }

    @Test
    default void renaming_inbox_moves_its_messages_and_leaves_it_empty_rfc3501_s6_3_5() {
        UserMailboxes u = mailboxes();
        Mailbox inbox = inbox();
        MessageMeta a = inbox.append(source(message("one", "1")), Set.of(Flag.SEEN), DATE);
        inbox.append(source(message("two", "2")), Set.of(), DATE.plusSeconds(1));
        long uidNext = inbox.status().uidNext();
        var inboxId = inbox.id();
        u.rename(MailboxPath.INBOX, p("tck-old-inbox"));
        Mailbox stillInbox = u.open(MailboxPath.INBOX);
        assertThat(stillInbox.id()).isEqualTo(inboxId);
        assertThat(stillInbox.status().messages()).isZero();
        Mailbox old = u.open(p("tck-old-inbox"));
        assertThat(old.id()).isNotEqualTo(inboxId);
        assertThat(old.metaAfter(0)).extracting(MessageMeta::flags).containsExactly(a.flags(), Set.of());
        assertThat(old.metaAfter(0)).extracting(MessageMeta::internalDate).containsExactly(DATE, DATE.plusSeconds(1));
        assertThat(read(old.content(old.metaAfter(0).get(1).uid()))).isEqualTo(message("two", "2"));
        long fresh = stillInbox.append(source("after"), Set.of(), DATE).uid();
        if (stillInbox.status().uidValidity() == inbox.status().uidValidity()) {
            assertThat(fresh).isGreaterThanOrEqualTo(uidNext);
        }
    }

    @Test
    default void subscriptions_round_trip_including_nonexistent_names_rfc3501_s6_3_6() {
        UserMailboxes u = mailboxes();
        u.subscribe(p("tck-sub"));
        u.subscribe(p("tck-sub"));
        u.subscribe(p("tck-nonexistent", "x"));
        assertThat(u.subscriptions()).contains(p("tck-sub"), p("tck-nonexistent", "x"));
        u.unsubscribe(p("tck-sub"));
        assertThat(u.subscriptions()).doesNotContain(p("tck-sub")).contains(p("tck-nonexistent", "x"));
    }

    @Test
    default void users_do_not_see_each_others_mailboxes() {
        mailboxes().create(p("tck-private"), Optional.empty());
        UserMailboxes other = store().open(otherUser());
        assertThat(other.list()).extracting(MailboxInfo::path).doesNotContain(p("tck-private"));
        assertThat(other.user()).isEqualTo(otherUser());
    }
}
