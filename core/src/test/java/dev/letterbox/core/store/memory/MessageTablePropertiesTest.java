package dev.letterbox.core.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UidSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The segmented table against a {@link TreeMap}, with enough messages to span and merge segments. */
class MessageTablePropertiesTest {
    private static final Instant T = Instant.EPOCH;

    /**
     * Each step: append {@code n} messages (positive) or delete by a pattern derived from the value
     * (negative): every k-th, or a whole range — across segment boundaries.
     */
    @Property(tries = 60)
    void behaves_like_a_sorted_map(@ForAll @Size(max = 25) List<@IntRange(min = -3000, max = 3000) Integer> steps) {
        MessageTable table = new MessageTable();
        TreeMap<Long, MessageMeta> model = new TreeMap<>();
        long next = 1;
        for (int step : steps) {
            if (step >= 0) {
                for (int i = 0; i < step; i++) {
                    MessageMeta m = new MessageMeta(next++, Set.of(), T, 1, 1);
                    table.append(m, MessageContent.ofBytes(new byte[] {1}));
                    model.put(m.uid(), m);
                }
            } else if (!model.isEmpty()) {
                UidSet victims = pattern(-step, model.firstKey(), model.lastKey());
                List<Long> removed = new ArrayList<>();
                table.removeAll(victims, (seg, i) -> removed.add(seg.uids[i]));
                List<Long> expected = new ArrayList<>();
                for (long u : new ArrayList<>(model.keySet())) {
                    if (victims.contains(u)) {
                        model.remove(u);
                        expected.add(u);
                    }
                }
                assertThat(removed).containsExactlyElementsOf(expected);
            }
            check(table, model);
        }
    }

    private static UidSet pattern(int v, long first, long last) {
        if (v % 2 == 0) { // a range
            long lo = first + (v % 997);
            long hi = lo + v;
            return lo > last ? UidSet.empty() : UidSet.range(lo, Math.min(hi, UidSet.MAX_UID));
        }
        int k = 2 + v % 5; // every k-th
        UidSet.Builder b = UidSet.builder();
        for (long u = first; u <= last; u += k) b.add(u);
        return b.build();
    }

    private static void check(MessageTable table, TreeMap<Long, MessageMeta> model) {
        assertThat(table.size()).isEqualTo(model.size());
        assertThat(table.lastUid()).isEqualTo(model.isEmpty() ? 0 : model.lastKey());
        assertThat(table.metaAfter(0)).containsExactlyElementsOf(model.values());
        assertThat(table.allUids()).isEqualTo(UidSet.of(model.keySet().stream().mapToLong(Long::longValue).toArray()));
        if (!model.isEmpty()) {
            long mid = model.firstKey() + (model.lastKey() - model.firstKey()) / 2;
            assertThat(table.metaAfter(mid)).containsExactlyElementsOf(model.tailMap(mid, false).values());
            UidSet probe = UidSet.range(Math.max(1, mid - 700), mid + 700);
            assertThat(table.meta(probe)).containsExactlyElementsOf(model.subMap(mid - 700, true, mid + 700, true).values());
            assertThat(table.blob(mid) != null).isEqualTo(model.containsKey(mid));
        }
    }
}
