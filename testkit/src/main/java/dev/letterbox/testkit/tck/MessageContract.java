package dev.letterbox.testkit.tck;

import static dev.letterbox.testkit.tck.Tck.DATE;
import static dev.letterbox.testkit.tck.Tck.message;
import static dev.letterbox.testkit.tck.Tck.read;
import static dev.letterbox.testkit.tck.Tck.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Append, read back, list and expunge messages (ARCHITECTURE §3). */
public interface MessageContract extends TckContext {

    @Test
    default void append_then_content_round_trips_byte_exact() {
        Mailbox inbox = inbox();
        byte[] plain = message("hello", "line one\r\nline two");
        byte[] eightBit = new byte[4096];
        new Random(42).nextBytes(eightBit); // 8-bit/binary content (RFC 3516 BINARY) must survive unchanged
        byte[] empty = new byte[0];
        byte[] noFinalCrlf = "Subject: x\r\n\r\nno final CRLF".getBytes();
        List<byte[]> all = List.of(plain, eightBit, empty, noFinalCrlf);
        List<MessageMeta> metas = new ArrayList<>();
        for (byte[] b : all) metas.add(inbox.append(source(b), Set.of(), DATE));
        for (int i = 0; i < all.size(); i++) {
            MessageContent c = inbox.content(metas.get(i).uid());
            assertThat(c.size()).isEqualTo(all.get(i).length);
            assertThat(read(c)).isEqualTo(all.get(i));
            assertThat(read(c)).as("open() is repeatable").isEqualTo(all.get(i));
            byte[] expected = all.get(i);
            c.bytesIfInMemory().ifPresent(b -> assertThat(b).isEqualTo(expected));
            assertThat(metas.get(i).size()).isEqualTo(all.get(i).length);
        }
    }

    @Test
    default void append_reads_stream_only_sources_and_large_messages() {
        Mailbox inbox = inbox();
        byte[] big = new byte[3 * 1024 * 1024 + 7];
        for (int i = 0; i < big.length; i++) big[i] = (byte) ('a' + i % 26);
        MessageMeta m = inbox.append(Tck.streamingSource(big), Set.of(), DATE);
        assertThat(m.size()).isEqualTo(big.length);
        assertThat(read(inbox.content(m.uid()))).isEqualTo(big);
    }

    @Test
    default void the_stored_message_does_not_change_when_the_callers_buffer_does() {
        Mailbox inbox = inbox();
        byte[] buf = message("mutable", "body");
        byte[] expected = buf.clone();
        MessageMeta m = inbox.append(dev.letterbox.core.store.MessageSource.ofBytes(buf), Set.of(), DATE);
        java.util.Arrays.fill(buf, (byte) 'X');
        assertThat(read(inbox.content(m.uid()))).isEqualTo(expected);
    }

    @Test
    default void append_returns_the_meta_that_meta_and_metaAfter_report() {
        Mailbox inbox = inbox();
        MessageMeta a = inbox.append(source("a"), Set.of(Flag.SEEN, Flag.keyword("$Label1")), DATE);
        MessageMeta b = inbox.append(source("b"), Set.of(), DATE.plusSeconds(60));
        assertThat(a.flags()).containsExactlyInAnyOrder(Flag.SEEN, Flag.keyword("$Label1"));
        assertThat(a.internalDate()).isEqualTo(DATE);
        assertThat(inbox.meta(UidSet.of(a.uid()))).containsExactly(a);
        assertThat(inbox.metaAfter(0)).containsExactly(a, b);
        assertThat(inbox.metaAfter(a.uid())).containsExactly(b);
        assertThat(inbox.metaAfter(b.uid())).isEmpty();
        assertThat(inbox.metaAfter(UidSet.MAX_UID)).isEmpty();
        assertThat(inbox.allUids()).isEqualTo(UidSet.of(a.uid(), b.uid()));
    }

    @Test
    default void recent_is_ignored_on_append_rfc3501_s2_3_2() {
        MessageMeta m = inbox().append(source("r"), Set.of(Flag.RECENT, Flag.DRAFT), DATE);
        assertThat(m.flags()).containsExactly(Flag.DRAFT);
        assertThat(inbox().meta(UidSet.of(m.uid())).get(0).flags()).containsExactly(Flag.DRAFT);
    }

    @Test
    default void meta_returns_only_existing_messages_ascending() {
        Mailbox inbox = inbox();
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < 5; i++) uids.add(inbox.append(source("m" + i), Set.of(), DATE).uid());
        inbox.delete(UidSet.of(uids.get(1)));
        UidSet query = UidSet.range(1, UidSet.MAX_UID);
        assertThat(inbox.meta(query)).extracting(MessageMeta::uid)
                .containsExactly(uids.get(0), uids.get(2), uids.get(3), uids.get(4));
        assertThat(inbox.meta(UidSet.of(uids.get(4), uids.get(1), uids.get(0)))).extracting(MessageMeta::uid)
                .containsExactly(uids.get(0), uids.get(4));
        assertThat(inbox.meta(UidSet.empty())).isEmpty();
        assertThat(inbox.meta(UidSet.of(uids.get(4) + 1000))).isEmpty();
    }

    @Test
    default void status_counts_messages_unseen_deleted_and_size_rfc8438() {
        Mailbox inbox = inbox();
        long before = inbox.status().size();
        inbox.append(source(message("a", "1")), Set.of(Flag.SEEN), DATE);
        inbox.append(source(message("b", "22")), Set.of(Flag.DELETED), DATE);
        inbox.append(source(message("c", "333")), Set.of(Flag.SEEN, Flag.DELETED), DATE);
        var st = inbox.status();
        assertThat(st.messages()).isEqualTo(3);
        assertThat(st.unseen()).isEqualTo(1);
        assertThat(st.deleted()).isEqualTo(2);
        assertThat(st.size() - before).isEqualTo(message("a", "1").length + message("b", "22").length
                + message("c", "333").length);
    }

    @Test
    default void content_of_a_missing_message_is_no_such_message() {
        Mailbox inbox = inbox();
        MessageMeta m = inbox.append(source("gone"), Set.of(), DATE);
        assertThatThrownBy(() -> inbox.content(m.uid() + 1)).isInstanceOf(StoreException.NoSuchMessage.class);
        inbox.delete(UidSet.of(m.uid()));
        assertThatThrownBy(() -> inbox.content(m.uid())).isInstanceOf(StoreException.NoSuchMessage.class);
    }

    @Test
    default void delete_returns_what_was_present_and_is_idempotent() {
        Mailbox inbox = inbox();
        long a = inbox.append(source("a"), Set.of(), DATE).uid();
        long b = inbox.append(source("b"), Set.of(), DATE).uid();
        long c = inbox.append(source("c"), Set.of(), DATE).uid();
        assertThat(inbox.delete(UidSet.of(a, c, c + 50))).isEqualTo(UidSet.of(a, c));
        assertThat(inbox.delete(UidSet.of(a, c))).isEqualTo(UidSet.empty());
        assertThat(inbox.allUids()).isEqualTo(UidSet.of(b));
        assertThat(inbox.status().messages()).isEqualTo(1);
    }

    @Test
    default void copy_assigns_new_ascending_uids_in_source_order_with_same_bytes_flags_and_date_rfc4315() {
        Mailbox inbox = inbox();
        Mailbox target = folder("tck-copy");
        target.append(source("already there"), Set.of(), DATE);
        long a = inbox.append(source(message("a", "A")), Set.of(Flag.FLAGGED), DATE).uid();
        long b = inbox.append(source(message("b", "B")), Set.of(Flag.keyword("Work")), DATE.plusSeconds(5)).uid();
        long uidNext = target.status().uidNext();
        Mailbox.CopyResult r = inbox.copyTo(UidSet.of(b, a, b + 99), target);
        assertThat(r.sourceUids()).containsExactly(a, b);
        assertThat(r.targetUids()).hasSize(2);
        assertThat(r.targetUids()[0]).isGreaterThanOrEqualTo(uidNext);
        assertThat(r.targetUids()[1]).isGreaterThan(r.targetUids()[0]);
        assertThat(r.targetUidValidity()).isEqualTo(target.status().uidValidity());
        List<MessageMeta> copied = target.meta(r.targetSet());
        assertThat(copied).extracting(MessageMeta::flags)
                .containsExactly(Set.of(Flag.FLAGGED), Set.of(Flag.keyword("Work")));
        assertThat(copied).extracting(MessageMeta::internalDate).containsExactly(DATE, DATE.plusSeconds(5));
        assertThat(read(target.content(r.targetUids()[0]))).isEqualTo(message("a", "A"));
        assertThat(read(target.content(r.targetUids()[1]))).isEqualTo(message("b", "B"));
        assertThat(inbox.allUids()).as("source unchanged").isEqualTo(UidSet.of(a, b));
    }

    @Test
    default void copy_into_the_same_mailbox_adds_new_messages() {
        Mailbox inbox = inbox();
        long a = inbox.append(source("self"), Set.of(), DATE).uid();
        Mailbox.CopyResult r = inbox.copyTo(UidSet.of(a), inbox);
        assertThat(r.targetUids()).hasSize(1);
        assertThat(r.targetUids()[0]).isGreaterThan(a);
        assertThat(inbox.status().messages()).isEqualTo(2);
    }

    @Test
    default void copy_of_missing_messages_copies_nothing() {
        Mailbox target = folder("tck-empty-copy");
        Mailbox.CopyResult r = inbox().copyTo(UidSet.range(1, 100), target);
        assertThat(r.sourceUids()).isEmpty();
        assertThat(target.status().messages()).isZero();
    }

    @Test
    default void atomic_move_if_supported_removes_source_and_reports_pairs_rfc6851() {
        Mailbox inbox = inbox();
        Mailbox target = folder("tck-move");
        long a = inbox.append(source(message("a", "A")), Set.of(Flag.SEEN), DATE).uid();
        long b = inbox.append(source(message("b", "B")), Set.of(), DATE).uid();
        var moved = inbox.moveTo(UidSet.of(a, b), target);
        org.junit.jupiter.api.Assumptions.assumeTrue(moved.isPresent(), "store has no atomic move");
        Mailbox.CopyResult r = moved.get();
        assertThat(r.sourceUids()).containsExactly(a, b);
        assertThat(inbox.status().messages()).isZero();
        assertThat(target.meta(r.targetSet())).extracting(MessageMeta::flags).containsExactly(Set.of(Flag.SEEN), Set.of());
        assertThat(read(target.content(r.targetUids()[1]))).isEqualTo(message("b", "B"));
    }

    @Test
    default void copy_to_another_users_mailbox_works_within_one_store() {
        Mailbox inbox = inbox();
        long a = inbox.append(source(message("x", "cross")), Set.of(), DATE).uid();
        var other = store().open(otherUser());
        Mailbox theirs = TckContext.openOrCreate(other, dev.letterbox.core.store.MailboxPath.INBOX);
        Mailbox.CopyResult r = inbox.copyTo(UidSet.of(a), theirs);
        assertThat(read(theirs.content(r.targetUids()[0]))).isEqualTo(message("x", "cross"));
    }
}
