package dev.letterbox.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link UidSet} against {@link TreeSet} as the reference model. */
class UidSetPropertiesTest {

    @Provide
    Arbitrary<List<Long>> uids() {
        Arbitrary<Long> low = Arbitraries.longs().between(1, 120);
        Arbitrary<Long> high = Arbitraries.longs().between(UidSet.MAX_UID - 60, UidSet.MAX_UID);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, low),
                        net.jqwik.api.Tuple.of(1, high))
                .list().ofMaxSize(60);
    }

    private static UidSet build(List<Long> l) {
        return UidSet.of(l.stream().mapToLong(Long::longValue).toArray());
    }

    private static TreeSet<Long> model(List<Long> l) {
        return new TreeSet<>(l);
    }

    private static List<Long> elements(UidSet s) {
        List<Long> out = new ArrayList<>();
        s.forEach(out::add);
        return out;
    }

    @Property
    void holds_exactly_the_added_uids_in_ascending_order(@ForAll("uids") List<Long> l) {
        UidSet s = build(l);
        assertThat(elements(s)).containsExactlyElementsOf(model(l));
        assertThat(s.size()).isEqualTo(model(l).size());
        assertThat(s.isEmpty()).isEqualTo(l.isEmpty());
        if (!l.isEmpty()) {
            assertThat(s.min()).isEqualTo(model(l).first());
            assertThat(s.max()).isEqualTo(model(l).last());
        }
        long[] arr = s.toArray();
        assertThat(arr).containsExactly(model(l).stream().mapToLong(Long::longValue).toArray());
    }

    @Property
    void ranges_are_sorted_disjoint_and_non_adjacent(@ForAll("uids") List<Long> l) {
        UidSet s = build(l);
        for (int i = 0; i < s.rangeCount(); i++) {
            assertThat(s.rangeStart(i)).isLessThanOrEqualTo(s.rangeEnd(i));
            if (i > 0) assertThat(s.rangeStart(i)).isGreaterThan(s.rangeEnd(i - 1) + 1);
        }
    }

    @Property
    void contains_agrees_with_the_model(@ForAll("uids") List<Long> l, @ForAll("uids") List<Long> probes) {
        UidSet s = build(l);
        TreeSet<Long> m = model(l);
        for (long p : probes) assertThat(s.contains(p)).isEqualTo(m.contains(p));
        assertThat(s.contains(0)).isFalse();
        assertThat(s.contains(UidSet.MAX_UID + 1)).isFalse();
    }

    @Property
    void union_intersect_minus_agree_with_set_algebra(@ForAll("uids") List<Long> a, @ForAll("uids") List<Long> b) {
        UidSet x = build(a);
        UidSet y = build(b);
        TreeSet<Long> union = model(a);
        union.addAll(b);
        TreeSet<Long> inter = model(a);
        inter.retainAll(model(b));
        TreeSet<Long> minus = model(a);
        minus.removeAll(model(b));
        assertThat(x.union(y)).isEqualTo(build(new ArrayList<>(union)));
        assertThat(x.intersect(y)).isEqualTo(build(new ArrayList<>(inter)));
        assertThat(x.minus(y)).isEqualTo(build(new ArrayList<>(minus)));
        assertThat(elements(x.minus(y))).containsExactlyElementsOf(minus);
        assertThat(elements(x.intersect(y))).containsExactlyElementsOf(inter);
    }

    @Property
    void equal_contents_mean_equal_sets_whatever_the_insertion_order(@ForAll("uids") List<Long> l) {
        List<Long> reversed = new ArrayList<>(l);
        java.util.Collections.reverse(reversed);
        assertThat(build(reversed)).isEqualTo(build(l)).hasSameHashCodeAs(build(l));
    }

    @Property
    void ranges_added_in_any_order_merge(@ForAll("uids") List<Long> l) {
        UidSet.Builder b = UidSet.builder();
        TreeSet<Long> m = new TreeSet<>();
        for (int i = 0; i + 1 < l.size(); i += 2) {
            long lo = Math.min(l.get(i), l.get(i + 1));
            long hi = Math.max(l.get(i), l.get(i + 1));
            if (hi - lo > 500) continue; // keep the model small
            b.addRange(l.get(i), l.get(i + 1));
            for (long u = lo; u <= hi; u++) m.add(u);
        }
        assertThat(elements(b.build())).containsExactlyElementsOf(m);
    }

    @Property
    void to_string_and_parse_round_trip(@ForAll("uids") List<Long> l) {
        UidSet s = build(l);
        if (s.isEmpty()) {
            assertThat(s.toString()).isEmpty();
        } else {
            assertThat(UidSet.parse(s.toString())).isEqualTo(s);
        }
    }

    @Property
    void of_sorted_equals_of_for_ascending_input_and_any_slice(@ForAll("uids") List<Long> l) {
        long[] sorted = model(l).stream().mapToLong(Long::longValue).toArray();
        assertThat(UidSet.ofSorted(sorted, 0, sorted.length)).isEqualTo(UidSet.of(sorted));
        if (sorted.length > 2) {
            long[] mid = java.util.Arrays.copyOfRange(sorted, 1, sorted.length - 1);
            assertThat(UidSet.ofSorted(sorted, 1, sorted.length - 1)).isEqualTo(UidSet.of(mid));
        }
    }

    @Property
    void of_sorted_never_loses_uids_of_unsorted_input(@ForAll("uids") List<Long> l) {
        long[] raw = l.stream().mapToLong(Long::longValue).toArray();
        assertThat(UidSet.ofSorted(raw, 0, raw.length)).isEqualTo(UidSet.of(raw));
    }
}
