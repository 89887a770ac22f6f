package dev.letterbox.core.store.memory;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryMailStoreTest {
    private static final Instant T = Instant.parse("2024-01-02T03:04:05Z");

    private static MessageSource msg(String s) {
        return MessageSource.ofBytes(s.getBytes(US_ASCII));
    }

    @Test
    void new_user_gets_inbox_and_rfc6154_special_use_folders_subscribed() {
        UserMailboxes u = InMemoryMailStore.create().open("alice");
        assertThat(u.list()).extracting(MailboxInfo::path).extracting(MailboxPath::toString)
                .containsExactlyInAnyOrder("INBOX", "Sent", "Drafts", "Trash", "Junk", "Archive");
        assertThat(u.findSpecialUse(SpecialUse.TRASH)).map(MailboxInfo::path).contains(MailboxPath.of("Trash"));
        assertThat(u.subscriptions()).contains(MailboxPath.INBOX, MailboxPath.of("Sent"));
    }

    @Test
    void unknown_user_is_refused_when_auto_create_is_off() {
        InMemoryMailStore s = InMemoryMailStore.builder().autoCreateUsers(false).user("bob").build();
        assertThat(s.hasUser("bob")).isTrue();
        assertThat(s.hasUser("eve")).isFalse();
        assertThatThrownBy(() -> s.open("eve")).isInstanceOf(StoreException.NoSuchMailbox.class);
        assertThat(s.addUser("eve")).isTrue();
        assertThat(s.addUser("eve")).isFalse();
        assertThat(s.open("eve").user()).isEqualTo("eve");
    }

    @Test
    void copies_share_the_stored_bytes_and_structure_cache() throws Exception {
        UserMailboxes u = InMemoryMailStore.create().open("a");
        Mailbox inbox = u.open(MailboxPath.INBOX);
        Mailbox sent = u.open(MailboxPath.of("Sent"));
        byte[] raw = "Subject: x\r\n\r\nbody\r\n".getBytes(US_ASCII);
        MessageMeta m = inbox.append(MessageSource.ofBytes(raw), Set.of(Flag.SEEN), T);
        raw[0] = 'X'; // the store must have copied the caller's buffer
        var r = inbox.copyTo(UidSet.of(m.uid()), sent);
        MessageContent a = inbox.content(m.uid());
        MessageContent b = sent.content(r.targetUids()[0]);
        assertThat(new String(a.readAllBytes(), US_ASCII)).startsWith("Subject");
        assertThat(a.bytesIfInMemory().orElseThrow()).isSameAs(b.bytesIfInMemory().orElseThrow());
        a.cacheStructure("parsed");
        assertThat(b.cachedStructure()).contains("parsed");
    }

    @Test
    void recent_is_never_stored_and_flag_sets_are_shared() {
        Mailbox inbox = InMemoryMailStore.create().open("a").open(MailboxPath.INBOX);
        MessageMeta m1 = inbox.append(msg("a\r\n"), Set.of(Flag.RECENT, Flag.SEEN), T);
        MessageMeta m2 = inbox.append(msg("b\r\n"), Set.of(Flag.SEEN), T);
        assertThat(m1.flags()).containsExactly(Flag.SEEN);
        assertThat(m1.flags()).isSameAs(m2.flags());
    }

    @Test
    void status_counts_follow_flags_and_expunge() {
        Mailbox inbox = InMemoryMailStore.create().open("a").open(MailboxPath.INBOX);
        for (int i = 0; i < 5; i++) inbox.append(msg("m" + i + "\r\n"), Set.of(), T);
        inbox.updateFlags(UidSet.range(1, 2), FlagOp.ADD, Set.of(Flag.SEEN, Flag.DELETED));
        var st = inbox.status();
        assertThat(st.messages()).isEqualTo(5);
        assertThat(st.unseen()).isEqualTo(3);
        assertThat(st.deleted()).isEqualTo(2);
        assertThat(st.size()).isEqualTo(5 * 4);
        assertThat(inbox.delete(UidSet.range(1, 3))).isEqualTo(UidSet.range(1, 3));
        st = inbox.status();
        assertThat(st.messages()).isEqualTo(2);
        assertThat(st.unseen()).isEqualTo(2);
        assertThat(st.deleted()).isZero();
        assertThat(st.uidNext()).isEqualTo(6);
    }

    @Test
    void many_messages_across_segments_keep_order_through_deletes() {
        Mailbox inbox = InMemoryMailStore.create().open("a").open(MailboxPath.INBOX);
        int n = MessageTable.SEGMENT * 3 + 17;
        for (int i = 0; i < n; i++) inbox.append(msg("x\r\n"), Set.of(), T);
        // remove every other message from the middle segments, then a whole segment's worth
        UidSet.Builder odd = UidSet.builder();
        for (long u = 1; u <= n; u += 2) odd.add(u);
        inbox.delete(odd.build());
        inbox.delete(UidSet.range(2, MessageTable.SEGMENT * 2L));
        long[] all = inbox.allUids().toArray();
        assertThat(all).isSorted().doesNotHaveDuplicates();
        assertThat(all[0]).isGreaterThan(MessageTable.SEGMENT * 2L);
        assertThat(inbox.status().messages()).isEqualTo(all.length);
        List<MessageMeta> after = inbox.metaAfter(all[all.length / 2]);
        assertThat(after).hasSize(all.length - all.length / 2 - 1);
        assertThat(inbox.meta(UidSet.range(all[0], all[2]))).extracting(MessageMeta::uid)
                .containsExactly(all[0], all[1], all[2]);
    }

    @Test
    void quota_refuses_append_and_copy_beyond_the_limits() {
        InMemoryMailStore s = InMemoryMailStore.builder().quota("q", 10, 2).build();
        UserMailboxes u = s.open("q");
        Mailbox inbox = u.open(MailboxPath.INBOX);
        inbox.append(msg("12345"), Set.of(), T);
        assertThatThrownBy(() -> inbox.append(msg("123456"), Set.of(), T)).isInstanceOf(StoreException.OverQuota.class);
        inbox.append(msg("1234"), Set.of(), T);
        assertThat(u.quota()).contains(new UserMailboxes.Quota(9, 10, 2, 2));
        assertThatThrownBy(() -> inbox.copyTo(UidSet.of(1), u.open(MailboxPath.of("Sent"))))
                .isInstanceOf(StoreException.OverQuota.class);
        assertThat(u.open(MailboxPath.of("Sent")).status().messages()).isZero();
        inbox.delete(UidSet.of(1));
        assertThat(u.quota().orElseThrow().usedBytes()).isEqualTo(4);
        s.setQuota("q", InMemoryMailStore.Limits.UNLIMITED);
        assertThat(u.quota()).isEmpty();
    }

    @Test
    void move_is_atomic_and_keeps_quota_usage() {
        InMemoryMailStore s = InMemoryMailStore.builder().quota("q", 100, 2).build();
        UserMailboxes u = s.open("q");
        Mailbox inbox = u.open(MailboxPath.INBOX);
        Mailbox trash = u.open(MailboxPath.of("Trash"));
        inbox.append(msg("a\r\n"), Set.of(Flag.FLAGGED), T);
        inbox.append(msg("b\r\n"), Set.of(), T);
        var r = inbox.moveTo(UidSet.range(1, 2), trash).orElseThrow();
        assertThat(r.sourceUids()).containsExactly(1, 2);
        assertThat(r.targetUids()).containsExactly(1, 2);
        assertThat(inbox.status().messages()).isZero();
        assertThat(trash.meta(UidSet.of(1)).get(0).flags()).containsExactly(Flag.FLAGGED);
        assertThat(u.quota().orElseThrow().usedMessages()).isEqualTo(2);
    }

    @Test
    void create_makes_parents_and_delete_with_children_leaves_noselect_rfc3501_s6_3_4() {
        UserMailboxes u = InMemoryMailStore.builder().noDefaultFolders().build().open("a");
        u.create(MailboxPath.of("a", "b", "c"), Optional.empty());
        assertThat(u.list()).extracting(i -> i.path().toString()).containsExactly("INBOX", "a", "a/b", "a/b/c");
        u.delete(MailboxPath.of("a"));
        MailboxInfo a = u.list().stream().filter(i -> i.path().equals(MailboxPath.of("a"))).findFirst().orElseThrow();
        assertThat(a.selectable()).isFalse();
        assertThatThrownBy(() -> u.open(MailboxPath.of("a"))).isInstanceOf(StoreException.NoSuchMailbox.class);
        assertThatThrownBy(() -> u.delete(MailboxPath.of("a"))).isInstanceOf(StoreException.NotAllowed.class);
        u.delete(MailboxPath.of("a", "b", "c"));
        u.delete(MailboxPath.of("a", "b"));
        // the placeholder "a" went with its last child
        assertThat(u.list()).extracting(i -> i.path().toString()).containsExactly("INBOX");
    }

    @Test
    void create_over_a_placeholder_makes_it_selectable_again() {
        UserMailboxes u = InMemoryMailStore.builder().noDefaultFolders().build().open("a");
        u.create(MailboxPath.of("p", "c"), Optional.empty());
        u.delete(MailboxPath.of("p"));
        u.create(MailboxPath.of("p"), Optional.empty());
        assertThat(u.open(MailboxPath.of("p")).status().messages()).isZero();
        assertThatThrownBy(() -> u.create(MailboxPath.of("p"), Optional.empty()))
                .isInstanceOf(StoreException.MailboxExists.class);
    }

    @Test
    void rename_moves_children_and_keeps_ids_rfc3501_s6_3_5() {
        UserMailboxes u = InMemoryMailStore.builder().noDefaultFolders().build().open("a");
        u.create(MailboxPath.of("x", "y"), Optional.empty());
        Mailbox x = u.open(MailboxPath.of("x"));
        Mailbox y = u.open(MailboxPath.of("x", "y"));
        y.append(msg("hi\r\n"), Set.of(), T);
        u.rename(MailboxPath.of("x"), MailboxPath.of("n", "z"));
        assertThat(u.list()).extracting(i -> i.path().toString()).containsExactly("INBOX", "n", "n/z", "n/z/y");
        assertThat(u.open(MailboxPath.of("n", "z")).id()).isEqualTo(x.id());
        assertThat(y.path()).isEqualTo(MailboxPath.of("n", "z", "y"));
        assertThat(y.status().messages()).isEqualTo(1);
        assertThatThrownBy(() -> u.rename(MailboxPath.of("n"), MailboxPath.of("n", "z", "q")))
                .isInstanceOf(StoreException.NotAllowed.class);
        assertThatThrownBy(() -> u.rename(MailboxPath.of("n"), MailboxPath.INBOX))
                .isInstanceOf(StoreException.MailboxExists.class);
    }

    @Test
    void inbox_rename_moves_messages_and_leaves_inbox_empty_rfc3501_s6_3_5() throws Exception {
        UserMailboxes u = InMemoryMailStore.builder().noDefaultFolders().build().open("a");
        u.create(MailboxPath.of("INBOX", "kid"), Optional.empty());
        Mailbox inbox = u.open(MailboxPath.INBOX);
        inbox.append(msg("one\r\n"), Set.of(Flag.SEEN), T);
        inbox.append(msg("two\r\n"), Set.of(), T);
        var before = inbox.status();
        u.rename(MailboxPath.INBOX, MailboxPath.of("Old"));
        var after = inbox.status();
        assertThat(after.messages()).isZero();
        assertThat(after.uidValidity()).isEqualTo(before.uidValidity());
        assertThat(after.uidNext()).isEqualTo(before.uidNext());
        assertThat(after.highestModSeq()).isGreaterThan(before.highestModSeq());
        Mailbox old = u.open(MailboxPath.of("Old"));
        assertThat(old.metaAfter(0)).extracting(MessageMeta::uid).containsExactly(1L, 2L);
        assertThat(new String(old.content(2).readAllBytes(), US_ASCII)).isEqualTo("two\r\n");
        assertThat(old.meta(UidSet.of(1)).get(0).flags()).containsExactly(Flag.SEEN);
        assertThat(u.list()).extracting(i -> i.path().toString()).contains("INBOX/kid");
    }

    @Test
    void deleted_mailbox_handle_fails_and_recreated_name_gets_new_uidvalidity() {
        UserMailboxes u = InMemoryMailStore.builder().noDefaultFolders().build().open("a");
        u.create(MailboxPath.of("f"), Optional.empty());
        Mailbox f = u.open(MailboxPath.of("f"));
        long v1 = f.status().uidValidity();
        u.delete(MailboxPath.of("f"));
        assertThatThrownBy(f::status).isInstanceOf(StoreException.NoSuchMailbox.class);
        assertThatThrownBy(() -> f.append(msg("x"), Set.of(), T)).isInstanceOf(StoreException.NoSuchMailbox.class);
        u.create(MailboxPath.of("f"), Optional.empty());
        Mailbox f2 = u.open(MailboxPath.of("f"));
        assertThat(f2.status().uidValidity()).isGreaterThan(v1);
        assertThat(f2.id()).isNotEqualTo(f.id());
    }

    @Test
    void names_with_the_delimiter_inside_a_segment_are_refused() {
        UserMailboxes u = InMemoryMailStore.create().open("a");
        assertThatThrownBy(() -> u.create(new MailboxPath(List.of("a/b")), Optional.empty()))
                .isInstanceOf(StoreException.NotAllowed.class);
    }

    @Test
    void move_between_users_moves_quota_usage_and_respects_the_targets_limit() {
        InMemoryMailStore s = InMemoryMailStore.builder().quota("small", -1, 1).build();
        Mailbox big = s.open("big").open(MailboxPath.INBOX);
        Mailbox small = s.open("small").open(MailboxPath.INBOX);
        big.append(msg("1\r\n"), Set.of(), T);
        big.append(msg("2\r\n"), Set.of(), T);
        assertThatThrownBy(() -> big.moveTo(UidSet.range(1, 2), small)).isInstanceOf(StoreException.OverQuota.class);
        assertThat(big.status().messages()).isEqualTo(2);
        assertThat(small.status().messages()).isZero();
        big.moveTo(UidSet.of(1), small).orElseThrow();
        assertThat(s.open("small").quota().orElseThrow().usedMessages()).isEqualTo(1);
        assertThat(big.status().messages()).isEqualTo(1);
    }

    @Test
    void move_within_one_mailbox_renumbers_the_messages() {
        Mailbox inbox = InMemoryMailStore.create().open("a").open(MailboxPath.INBOX);
        inbox.append(msg("1\r\n"), Set.of(Flag.SEEN), T);
        var r = inbox.moveTo(UidSet.of(1), inbox).orElseThrow();
        assertThat(r.targetUids()).containsExactly(2);
        assertThat(inbox.allUids()).isEqualTo(UidSet.of(2));
        assertThat(inbox.meta(UidSet.of(2)).get(0).flags()).containsExactly(Flag.SEEN);
    }

    @Test
    void rename_into_a_placeholder_name_is_refused_and_prunes_emptied_parents() {
        UserMailboxes u = InMemoryMailStore.builder().noDefaultFolders().build().open("a");
        u.create(MailboxPath.of("p", "c"), Optional.empty());
        u.delete(MailboxPath.of("p")); // placeholder p with child c
        u.create(MailboxPath.of("x"), Optional.empty());
        assertThatThrownBy(() -> u.rename(MailboxPath.of("x"), MailboxPath.of("p")))
                .isInstanceOf(StoreException.MailboxExists.class);
        u.rename(MailboxPath.of("p", "c"), MailboxPath.of("c"));
        assertThat(u.list()).extracting(i -> i.path().toString()).containsExactly("INBOX", "c", "x");
    }

    @Test
    void many_uids_make_a_compact_uid_set_and_metaAfter_of_the_tail_is_short() {
        Mailbox inbox = InMemoryMailStore.builder().noDefaultFolders().build().open("a").open(MailboxPath.INBOX);
        MessageSource one = msg("x");
        int n = 200_000;
        for (int i = 0; i < n; i++) inbox.append(one, Set.of(), T);
        inbox.delete(UidSet.of(100_000));
        assertThat(inbox.allUids().rangeCount()).isEqualTo(2);
        assertThat(inbox.allUids()).isSameAs(inbox.allUids()); // cached until the next change
        assertThat(inbox.metaAfter(n - 3)).extracting(MessageMeta::uid).containsExactly((long) n - 2, (long) n - 1, (long) n);
    }

    @Test
    void a_failed_append_to_a_deleted_mailbox_does_not_consume_quota() {
        InMemoryMailStore s = InMemoryMailStore.builder().quota("q", 1000, 10).build();
        UserMailboxes u = s.open("q");
        u.create(MailboxPath.of("f"), Optional.empty());
        Mailbox f = u.open(MailboxPath.of("f"));
        Mailbox inbox = u.open(MailboxPath.INBOX);
        inbox.append(msg("12345"), Set.of(), T);
        u.delete(MailboxPath.of("f"));
        assertThatThrownBy(() -> f.append(msg("x"), Set.of(), T)).isInstanceOf(StoreException.NoSuchMailbox.class);
        assertThatThrownBy(() -> inbox.copyTo(UidSet.of(1), f)).isInstanceOf(StoreException.NoSuchMailbox.class);
        assertThatThrownBy(() -> inbox.moveTo(UidSet.of(1), f)).isInstanceOf(StoreException.NoSuchMailbox.class);
        assertThat(u.quota()).contains(new UserMailboxes.Quota(5, 1000, 1, 10));
        assertThat(inbox.status().messages()).isEqualTo(1);
    }
}
