package dev.letterbox.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class UidSetTest {

    @Test
    void one_to_max_is_a_single_range_rfc3501_s9_seq_set() {
        UidSet all = UidSet.range(1, UidSet.MAX_UID);
        assertThat(all.rangeCount()).isEqualTo(1);
        assertThat(all.size()).isEqualTo(UidSet.MAX_UID);
        assertThat(all.contains(UidSet.MAX_UID)).isTrue();
        assertThat(all.toString()).isEqualTo("1:4294967295");
    }

    @Test
    void range_accepts_either_order_rfc3501_s9_seq_range() {
        assertThat(UidSet.range(9, 3)).isEqualTo(UidSet.range(3, 9));
        assertThat(UidSet.parse("9:3")).isEqualTo(UidSet.range(3, 9));
    }

    @Test
    void uids_outside_1_to_2_pow_32_minus_1_are_refused() {
        assertThatThrownBy(() -> UidSet.of(0L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UidSet.of(UidSet.MAX_UID + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UidSet.range(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UidSet.builder().add(-1)).isInstanceOf(IllegalArgumentException.class);
        long[] past = {UidSet.MAX_UID, UidSet.MAX_UID + 1};
        assertThatThrownBy(() -> UidSet.ofSorted(past, 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_sorted_handles_unsorted_input_without_losing_uids() {
        long[] a = {2, 1, 7, 5, 6};
        assertThat(UidSet.ofSorted(a, 0, a.length)).isEqualTo(UidSet.parse("1:2,5:7"));
        assertThat(UidSet.ofSorted(a, 2, 2)).isEqualTo(UidSet.empty());
        assertThatThrownBy(() -> UidSet.ofSorted(a, 3, 9)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void of_sorted_merges_duplicates_and_adjacent_uids() {
        long[] a = {1, 1, 2, 3, 3, 10, 11, 20};
        assertThat(UidSet.ofSorted(a, 0, a.length).toString()).isEqualTo("1:3,10:11,20");
    }

    @Test
    void parse_rejects_malformed_sets() {
        for (String bad : new String[] {"", ",", "1,", "1:", ":2", "a", "1:2:3", "*", "0", "4294967296", "1 ,2"}) {
            assertThatThrownBy(() -> UidSet.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void parse_accepts_digits_only_rfc3501_s9_nz_number() {
        assertThatThrownBy(() -> UidSet.parse("+5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UidSet.parse("-5")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UidSet.parse("1:3,5,7:8")).isEqualTo(UidSet.of(1, 2, 3, 5, 7, 8));
    }

    @Test
    void empty_set_has_no_min_or_max() {
        assertThat(UidSet.empty().isEmpty()).isTrue();
        assertThat(UidSet.empty().size()).isZero();
        assertThatThrownBy(() -> UidSet.empty().min()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> UidSet.empty().max()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> UidSet.empty().longIterator().nextLong()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void set_operations_on_huge_ranges_stay_cheap() {
        UidSet all = UidSet.range(1, UidSet.MAX_UID);
        UidSet holes = UidSet.parse("5,10:20,4294967295");
        UidSet rest = all.minus(holes);
        assertThat(rest.toString()).isEqualTo("1:4,6:9,21:4294967294");
        assertThat(rest.union(holes)).isEqualTo(all);
        assertThat(rest.intersect(holes)).isEqualTo(UidSet.empty());
        assertThat(all.intersect(holes)).isEqualTo(holes);
    }

    @Test
    void iteration_crosses_range_boundaries_in_order() {
        var it = UidSet.parse("3:4,9,4294967294:4294967295").longIterator();
        long[] got = new long[5];
        for (int i = 0; i < 5; i++) got[i] = it.nextLong();
        assertThat(got).containsExactly(3, 4, 9, 4294967294L, 4294967295L);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void to_array_refuses_sets_too_large_for_an_array() {
        assertThatThrownBy(() -> UidSet.range(1, UidSet.MAX_UID).toArray()).isInstanceOf(IllegalStateException.class);
    }
}
