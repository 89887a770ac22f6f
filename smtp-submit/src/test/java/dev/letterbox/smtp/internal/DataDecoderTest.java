package dev.letterbox.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.smtp.LineEndingPolicy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The DATA transfer decoding of RFC 5321 §4.5.2, as a round trip against a reference stuffer. */
class DataDecoderTest {
    /** The client side of §4.5.2: double a leading dot, then append CRLF.CRLF (after a CRLF if missing). */
    static byte[] stuff(String lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines.split("\r\n", -1)) sb.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        sb.setLength(sb.length() - 2);
        return (sb + (lines.isEmpty() || lines.endsWith("\r\n") ? "" : "\r\n") + ".\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static String decode(byte[] wire, List<Integer> splits, LineEndingPolicy policy, int[] consumed) {
        Spool spool = new Spool(1 << 20, Optional.empty());
        ContentSink sink = new ContentSink(spool, policy, Long.MAX_VALUE);
        DataDecoder d = new DataDecoder(sink);
        int pos = 0;
        boolean done = false;
        for (int i = 0; !done && pos < wire.length; i++) {
            int n = Math.min(wire.length - pos, splits.isEmpty() ? wire.length : Math.max(1, splits.get(i % splits.size())));
            ByteBuffer b = ByteBuffer.wrap(wire, pos, n).slice();
            done = d.feed(b);
            pos += b.position();
        }
        consumed[0] = done ? pos : -1;
        try {
            return sink.rejectedForLineEndings() ? null : new String(spool.toSource().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Provide
    Arbitrary<String> crlfText() {
        return Arbitraries.of("", ".", "..", "a", ".a", "\r\n", "x.y", "\r\n.", " ", "\u00ff").list().ofMaxSize(40)
                .map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void stuffed_then_decoded_is_identity_for_any_split(@ForAll("crlfText") String text,
                                                        @ForAll List<@IntRange(min = 1, max = 7) Integer> splits) {
        String normalized = text; // built from CRLF units only: no bare CR or LF
        byte[] wire = stuff(normalized);
        byte[] withTrailer = ByteBuffer.allocate(wire.length + 4).put(wire).put("NEXT".getBytes()).array();
        int[] consumed = new int[1];
        String out = decode(withTrailer, splits, LineEndingPolicy.REJECT, consumed);
        String expected = normalized.isEmpty() || normalized.endsWith("\r\n") ? normalized : normalized + "\r\n";
        assertThat(out).isEqualTo(expected);
        assertThat(consumed[0]).isEqualTo(wire.length); // stops right after CRLF.CRLF
    }

    @Test
    void only_crlf_dot_crlf_ends_data() {
        int[] consumed = new int[1];
        for (String fake : List.of("\n.\n", "\r.\r", "\r\n.\n", "\n.\r\n", "\r.\r\n", "\r\n.\r")) {
            String out = decode(("a" + fake + "b").getBytes(StandardCharsets.ISO_8859_1), List.of(), LineEndingPolicy.NORMALIZE, consumed);
            assertThat(consumed[0]).as(fake).isEqualTo(-1);
            assertThat(out).as(fake).doesNotContainPattern("\r(?!\n)|(?<!\r)\n");
        }
    }

    @Test
    void reject_policy_stops_storing_after_bare_lf() {
        int[] consumed = new int[1];
        assertThat(decode("a\nb\r\n.\r\n".getBytes(StandardCharsets.ISO_8859_1), List.of(), LineEndingPolicy.REJECT, consumed)).isNull();
        assertThat(consumed[0]).isEqualTo(8);
    }

    @Test
    void stuffing_reference_matches_rfc_example() {
        assertThat(new String(stuff(".hidden\r\nx"), StandardCharsets.ISO_8859_1)).isEqualTo("..hidden\r\nx\r\n.\r\n");
        // a direct buffer takes the copying path
        Spool spool = new Spool(10, Optional.empty());
        DataDecoder d = new DataDecoder(new ContentSink(spool, LineEndingPolicy.REJECT, 100));
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        direct.put("..a\r\n.\r\nZ".getBytes(StandardCharsets.ISO_8859_1)).flip();
        assertThat(d.feed(direct)).isTrue();
        assertThat(direct.remaining()).isEqualTo(1);
        assertThat(spool.size()).isEqualTo(4); // ".a\r\n"
    }
}
