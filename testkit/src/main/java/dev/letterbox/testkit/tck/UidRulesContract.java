package dev.letterbox.testkit.tck;

import static dev.letterbox.testkit.tck.Tck.DATE;
import static dev.letterbox.testkit.tck.Tck.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.UidSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ rules (RFC 3501 §2.3.1.1, RFC 7162, ARCHITECTURE §3). */
public interface UidRulesContract extends TckContext {

    @Test
    default void uids_strictly_ascend_and_are_below_uidnext_rfc3501_s2_3_1_1() {
        Mailbox m = inbox();
        long prev = 0;
        for (int i = 0; i < 20; i++) {
            long next = m.status().uidNext();
            long uid = m.append(source("u" + i), Set.of(), DATE).uid();
            assertThat(uid).isGreaterThan(prev).isGreaterThanOrEqualTo(next);
            assertThat(m.status().uidNext()).isGreaterThan(uid);
            prev = uid;
        }
    }

    @Test
    default void uids_are_never_reused_after_expunge() {
        Mailbox m = inbox();
        long a = m.append(source("a"), Set.of(), DATE).uid();
        long b = m.append(source("b"), Set.of(), DATE).uid();
        m.delete(UidSet.of(a, b));
        long uidNext = m.status().uidNext();
        assertThat(uidNext).isGreaterThan(b);
        long c = m.append(source("c"), Set.of(), DATE).uid();
        assertThat(c).isGreaterThan(b);
    }

    @Test
    default void uidvalidity_is_a_stable_nonzero_32_bit_value() {
        Mailbox m = inbox();
        long v = m.status().uidValidity();
        assertThat(v).isBetween(1L, UidSet.MAX_UID);
        long a = m.append(source("a"), Set.of(), DATE).uid();
        m.updateFlags(UidSet.of(a), FlagOp.ADD, Set.of(Flag.SEEN));
        m.copyTo(UidSet.of(a), folder("tck-v"));
        m.delete(UidSet.of(a));
        assertThat(m.status().uidValidity()).isEqualTo(v);
        assertThat(mailboxes().open(MailboxPath.INBOX).status().uidValidity()).isEqualTo(v);
    }

    @Test
    default void highest_modseq_increases_on_every_change() {
        Mailbox m = inbox();
        Mailbox other = folder("tck-modseq");
        long h0 = m.status().highestModSeq();
        long a = m.append(source("a"), Set.of(), DATE).uid();
        long h1 = m.status().highestModSeq();
        assertThat(h1).as("append").isGreaterThan(h0);
        m.updateFlags(UidSet.of(a), FlagOp.ADD, Set.of(Flag.SEEN));
        long h2 = m.status().highestModSeq();
        assertThat(h2).as("flags").isGreaterThan(h1);
        m.copyTo(UidSet.of(a), m);
        long h3 = m.status().highestModSeq();
        assertThat(h3).as("copy into").isGreaterThan(h2);
        long o = other.status().highestModSeq();
        m.copyTo(UidSet.of(a), other);
        assertThat(other.status().highestModSeq()).as("copy target").isGreaterThan(o);
        m.delete(UidSet.of(a));
        assertThat(m.status().highestModSeq()).as("expunge").isGreaterThan(h3);
    }

    @Test
    default void message_modseq_never_exceeds_highest_modseq() {
        Mailbox m = inbox();
        long first = m.append(source("x"), Set.of(), DATE).uid();
        for (int i = 0; i < 4; i++) m.append(source("x" + i), Set.of(), DATE);
        m.updateFlags(UidSet.range(first + 1, UidSet.MAX_UID), FlagOp.ADD, Set.of(Flag.FLAGGED));
        long h = m.status().highestModSeq();
        assertThat(m.metaAfter(0)).allSatisfy(x -> assertThat(x.modSeq()).isBetween(1L, h));
    }

    @Test
    default void mailbox_id_is_stable_across_rename() {
        var u = mailboxes();
        u.create(MailboxPath.of("tck-r1"), Optional.empty());
        var id = u.open(MailboxPath.of("tck-r1")).id();
        u.rename(MailboxPath.of("tck-r1"), MailboxPath.of("tck-r2"));
        assertThat(u.open(MailboxPath.of("tck-r2")).id()).isEqualTo(id);
    }

    @Test
    default void a_recreated_mailbox_never_reuses_uids_under_the_same_uidvalidity_rfc3501_s2_3_1_1() {
        var u = mailboxes();
        MailboxPath p = MailboxPath.of("tck-recreate");
        u.create(p, Optional.empty());
        Mailbox first = u.open(p);
        long uid = first.append(source("old"), Set.of(), DATE).uid();
        MailboxStatus before = first.status();
        u.delete(p);
        u.create(p, Optional.empty());
        Mailbox second = u.open(p);
        long uid2 = second.append(source("new"), Set.of(), DATE).uid();
        MailboxStatus after = second.status();
        if (after.uidValidity() == before.uidValidity()) {
            assertThat(uid2).as("same UIDVALIDITY must mean fresh UIDs").isGreaterThan(uid);
        }
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    default void metaAfter_and_allUids_agree_with_status() {
        Mailbox m = inbox();
        long[] uids = new long[10];
        for (int i = 0; i < 10; i++) uids[i] = m.append(source("s" + i), Set.of(), DATE).uid();
        m.delete(UidSet.of(uids[1], uids[4], uids[8]));
        MailboxStatus st = m.status();
        assertThat(m.metaAfter(0)).hasSize(st.messages());
        assertThat(m.allUids().size()).isEqualTo(st.messages());
        assertThat(m.allUids().max()).isLessThan(st.uidNext());
    }
}
