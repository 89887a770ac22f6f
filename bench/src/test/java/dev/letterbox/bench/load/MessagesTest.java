package dev.letterbox.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void the_same_index_gives_the_same_bytes() {
        assertThat(Messages.message(42, 5000, "a@x", "b@x")).isEqualTo(Messages.message(42, 5000, "a@x", "b@x"));
        assertThat(Messages.message(42, 5000, "a@x", "b@x")).isNotEqualTo(Messages.message(43, 5000, "a@x", "b@x"));
    }

    @Test
    void messages_are_about_the_requested_size_with_crlf_lines_and_no_leading_dots() {
        for (int size : new int[] {4096, 5000, 1 << 20}) {
            byte[] m = Messages.message(7, size, "a@x", "b@x");
            assertThat(m.length).isBetween(size - 2, size + 80);
            String s = new String(m, StandardCharsets.US_ASCII);
            assertThat(s.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
            assertThat(s).endsWith("\r\n").doesNotContain("\r\n.");
        }
    }

    @Test
    void search_tokens_appear_exactly_where_promised() {
        int subject = 0;
        int body = 0;
        for (int i = 0; i < 500; i++) {
            String s = new String(Messages.message(i, 5000, "a@x", "b@x"), StandardCharsets.US_ASCII);
            int split = s.indexOf("\r\n\r\n");
            boolean inSubject = s.substring(0, split).contains(Messages.SUBJECT_TOKEN);
            boolean inBody = s.substring(split).contains(Messages.BODY_TOKEN);
            assertThat(inSubject).isEqualTo(Messages.hasSubjectToken(i));
            assertThat(inBody).isEqualTo(Messages.hasBodyToken(i));
            subject += inSubject ? 1 : 0;
            body += inBody ? 1 : 0;
        }
        assertThat(subject).isEqualTo(Messages.subjectMatches(500)).isEqualTo(5);
        assertThat(body).isEqualTo(Messages.bodyMatches(500)).isEqualTo(10);
    }
}
