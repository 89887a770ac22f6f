package dev.letterbox.imap4.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ListPatternTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "INBOX, *, true",
        "a/b/c, *, true",
        "a/b/c, %, false",
        "a, %, true",
        "a/b, a/%, true",
        "a/b/c, a/%, false",
        "a/b/c, a/*, true",
        "a/b/c, a/%/c, true",
        "abc, a%c, true",
        "a/c, a%c, false",
        "abc, abd, false",
        "'', *, true",
        "Sent, S*t, true",
    })
    void wildcards_rfc9051_s6_3_9(String name, String pattern, boolean expected) {
        assertThat(ListCommand.matches(name, pattern, '/')).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "INBOX, inbox, true",
        "INBOX, inb*, true",
        "INBOX, In%, true",
        "INBOX/Sub, inbox/%, true",
        "INBOX/Sub, inbox/sub, false",
        "Inboxes, inbox*, false",
    })
    void inbox_is_case_insensitive_rfc9051_s5_1(String name, String pattern, boolean expected) {
        assertThat(ListCommand.matchesMailbox(name, pattern, '/')).isEqualTo(expected);
    }

    @Test
    void hostile_patterns_are_cheap() {
        String name = "a".repeat(2000) + "b";
        String pattern = "*%".repeat(200) + "c";
        assertThat(ListCommand.matches(name, pattern, '/')).isFalse();
    }

    @Test
    void reference_and_pattern_are_joined_with_the_delimiter() {
        assertThat(ListCommand.canonical("Projects", "%", '/')).isEqualTo("Projects/%");
        assertThat(ListCommand.canonical("Projects/", "%", '/')).isEqualTo("Projects/%");
        assertThat(ListCommand.canonical("", "inbox", '/')).isEqualTo("INBOX");
        assertThat(ListCommand.canonical("x", "/abs", '/')).isEqualTo("/abs");
    }
}
