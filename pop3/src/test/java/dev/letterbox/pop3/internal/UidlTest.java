package dev.letterbox.pop3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class UidlTest {
    @Test
    void derived_from_uid_validity_and_uid() {
        assertThat(Uidl.of(1, 2)).isEqualTo("0000000100000002");
        assertThat(Uidl.of(0xFFFFFFFFL, 0xFFFFFFFFL)).isEqualTo("ffffffffffffffff");
    }

    @Property
    void within_rfc1939_character_rules_and_length(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long validity,
                                                   @ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long uid) {
        String u = Uidl.of(validity, uid);
        assertThat(u.length()).isBetween(1, 70);
        assertThat(u.chars()).allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    @Property
    void distinct_messages_get_distinct_uidls(@ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long a,
                                              @ForAll @LongRange(min = 1, max = 0xFFFFFFFFL) long b,
                                              @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long v) {
        assertThat(Uidl.of(v, a).equals(Uidl.of(v, b))).isEqualTo(a == b);
    }
}
