package dev.letterbox.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.smtp.LineEndingPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Bare CR / bare LF handling (RFC 5321 §2.3.8) is independent of how the bytes are split. */
class ContentSinkTest {
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.of("a", "b", "\r", "\n", "\r\n").list().ofMaxSize(30).map(l -> String.join("", l));
    }

    static String feed(String text, List<Integer> splits, LineEndingPolicy policy, boolean[] rejected) throws Exception {
        Spool spool = new Spool(1 << 16, Optional.empty());
        ContentSink sink = new ContentSink(spool, policy, Long.MAX_VALUE);
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        int pos = 0;
        for (int i = 0; pos < b.length; i++) {
            int n = Math.min(b.length - pos, splits.isEmpty() ? b.length : splits.get(i % splits.size()));
            sink.write(b, pos, n);
            pos += n;
        }
        sink.finish();
        rejected[0] = sink.rejectedForLineEndings();
        return new String(spool.toSource().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** The obvious reference: CRLF pairs stay, every other CR or LF becomes CRLF. */
    static String reference(String t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
                sb.append("\r\n");
                i++;
            } else if (c == '\r' || c == '\n') {
                sb.append("\r\n");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Property(tries = 500)
    void normalize_turns_every_bare_ending_into_crlf(@ForAll("text") String text,
                                                     @ForAll List<@IntRange(min = 1, max = 5) Integer> splits) throws Exception {
        boolean[] rejected = new boolean[1];
        String out = feed(text, splits, LineEndingPolicy.NORMALIZE, rejected);
        assertThat(out).isEqualTo(reference(text));
        assertThat(rejected[0]).isFalse();
    }

    @Property(tries = 500)
    void reject_flags_exactly_the_texts_with_bare_endings(@ForAll("text") String text,
                                                          @ForAll List<@IntRange(min = 1, max = 5) Integer> splits) throws Exception {
        boolean[] rejected = new boolean[1];
        String out = feed(text, splits, LineEndingPolicy.REJECT, rejected);
        boolean bare = text.replace("\r\n", "").contains("\r") || text.replace("\r\n", "").contains("\n");
        assertThat(rejected[0]).isEqualTo(bare);
        if (!bare) assertThat(out).isEqualTo(text);
    }
}
