package dev.letterbox.testkit.tck;

import static dev.letterbox.testkit.tck.Tck.DATE;
import static dev.letterbox.testkit.tck.Tck.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** FLAGS, +FLAGS and -FLAGS (RFC 3501 §6.4.6) with system flags and keywords. */
public interface FlagContract extends TckContext {

    private long[] three(Mailbox m) {
        return new long[] {
            m.append(source("f1"), Set.of(), DATE).uid(),
            m.append(source("f2"), Set.of(Flag.SEEN), DATE).uid(),
            m.append(source("f3"), Set.of(Flag.SEEN, Flag.FLAGGED), DATE).uid()};
    }

    private Set<Flag> flagsOf(Mailbox m, long uid) {
        return m.meta(UidSet.of(uid)).get(0).flags();
    }

    @Test
    default void add_returns_only_messages_whose_flags_changed() {
        Mailbox m = inbox();
        long[] u = three(m);
        List<MessageMeta> changed = m.updateFlags(UidSet.of(u), FlagOp.ADD, Set.of(Flag.SEEN));
        assertThat(changed).extracting(MessageMeta::uid).containsExactly(u[0]);
        assertThat(changed.get(0).flags()).containsExactly(Flag.SEEN);
        assertThat(flagsOf(m, u[2])).containsExactlyInAnyOrder(Flag.SEEN, Flag.FLAGGED);
    }

    @Test
    default void remove_clears_only_the_given_flags() {
        Mailbox m = inbox();
        long[] u = three(m);
        List<MessageMeta> changed = m.updateFlags(UidSet.of(u), FlagOp.REMOVE, Set.of(Flag.SEEN));
        assertThat(changed).extracting(MessageMeta::uid).containsExactly(u[1], u[2]);
        assertThat(flagsOf(m, u[2])).containsExactly(Flag.FLAGGED);
        assertThat(flagsOf(m, u[0])).isEmpty();
    }

    @Test
    default void replace_sets_exactly_the_given_flags() {
        Mailbox m = inbox();
        long[] u = three(m);
        List<MessageMeta> changed = m.updateFlags(UidSet.of(u), FlagOp.REPLACE, Set.of(Flag.FLAGGED, Flag.SEEN));
        assertThat(changed).extracting(MessageMeta::uid).containsExactly(u[0], u[1]);
        for (long uid : u) assertThat(flagsOf(m, uid)).containsExactlyInAnyOrder(Flag.SEEN, Flag.FLAGGED);
        m.updateFlags(UidSet.of(u), FlagOp.REPLACE, Set.of());
        for (long uid : u) assertThat(flagsOf(m, uid)).isEmpty();
    }

    @Test
    default void keywords_round_trip_and_compare_case_insensitively_rfc3501_s2_3_2() {
        Mailbox m = inbox();
        long uid = m.append(source("k"), Set.of(Flag.keyword("$Forwarded")), DATE).uid();
        m.updateFlags(UidSet.of(uid), FlagOp.ADD, Set.of(Flag.keyword("Project-X"), Flag.keyword("$forwarded")));
        assertThat(flagsOf(m, uid)).containsExactlyInAnyOrder(Flag.keyword("$Forwarded"), Flag.keyword("project-x"));
        m.updateFlags(UidSet.of(uid), FlagOp.REMOVE, Set.of(Flag.keyword("PROJECT-X")));
        assertThat(flagsOf(m, uid)).containsExactly(Flag.keyword("$Forwarded"));
    }

    @Test
    default void all_system_flags_are_kept_and_recent_is_never_stored() {
        Mailbox m = inbox();
        long uid = m.append(source("s"), Set.of(), DATE).uid();
        Set<Flag> all = Set.of(Flag.SEEN, Flag.ANSWERED, Flag.FLAGGED, Flag.DELETED, Flag.DRAFT);
        m.updateFlags(UidSet.of(uid), FlagOp.ADD, Set.of(Flag.SEEN, Flag.ANSWERED, Flag.FLAGGED, Flag.DELETED,
                Flag.DRAFT, Flag.RECENT));
        assertThat(flagsOf(m, uid)).isEqualTo(all);
    }

    @Test
    default void no_change_means_empty_result_and_no_modseq_bump() {
        Mailbox m = inbox();
        long[] u = three(m);
        long hms = m.status().highestModSeq();
        assertThat(m.updateFlags(UidSet.of(u[2]), FlagOp.ADD, Set.of(Flag.SEEN))).isEmpty();
        assertThat(m.updateFlags(UidSet.of(u[0]), FlagOp.REMOVE, Set.of(Flag.SEEN))).isEmpty();
        assertThat(m.updateFlags(UidSet.of(u[1]), FlagOp.REPLACE, Set.of(Flag.SEEN))).isEmpty();
        assertThat(m.updateFlags(UidSet.of(u[2] + 100), FlagOp.ADD, Set.of(Flag.SEEN))).as("missing UID").isEmpty();
        assertThat(m.status().highestModSeq()).isEqualTo(hms);
    }

    @Test
    default void changed_messages_get_a_modseq_above_the_previous_highest_rfc7162() {
        Mailbox m = inbox();
        long[] u = three(m);
        long hms = m.status().highestModSeq();
        List<MessageMeta> changed = m.updateFlags(UidSet.of(u), FlagOp.ADD, Set.of(Flag.ANSWERED));
        assertThat(changed).allSatisfy(c -> assertThat(c.modSeq()).isGreaterThan(hms));
        long after = m.status().highestModSeq();
        assertThat(after).isGreaterThan(hms);
        assertThat(changed).allSatisfy(c -> assertThat(c.modSeq()).isLessThanOrEqualTo(after));
        assertThat(m.meta(UidSet.of(u))).isEqualTo(changed);
    }

    @Test
    default void status_unseen_and_deleted_follow_flag_changes() {
        Mailbox m = inbox();
        long[] u = three(m);
        m.updateFlags(UidSet.of(u), FlagOp.REPLACE, Set.of(Flag.DELETED));
        assertThat(m.status().unseen()).isEqualTo(3);
        assertThat(m.status().deleted()).isEqualTo(3);
        m.updateFlags(UidSet.of(u[0]), FlagOp.REPLACE, Set.of(Flag.SEEN));
        assertThat(m.status().unseen()).isEqualTo(2);
        assertThat(m.status().deleted()).isEqualTo(2);
    }
}
