package dev.letterbox.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.MessageSource;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The spool gives back exactly what was written, with the prefix, however it was split and stored. */
class SpoolContentTest {
    @Provide
    Arbitrary<byte[]> data() {
        return Arbitraries.integers().between(0, 70_000)
                .map(n -> {
                    byte[] b = new byte[n];
                    for (int i = 0; i < n; i++) b[i] = (byte) ('a' + (i * 31 + n) % 26);
                    return b;
                });
    }

    @Provide
    Arbitrary<Integer> threshold() {
        return Arbitraries.of(0, 100, 10_000, 1 << 20);
    }

    @Property(tries = 200)
    void source_is_prefix_then_data_in_memory_or_on_disk(@ForAll("data") byte[] data,
            @ForAll @IntRange(min = 0, max = 2_000) int prefixLength,
            @ForAll @Size(max = 5) List<@IntRange(min = 1, max = 20_000) Integer> splits,
            @ForAll("threshold") int threshold) throws Exception {
        byte[] prefix = new byte[prefixLength];
        Arrays.fill(prefix, (byte) 'P');
        byte[] expected = new byte[prefixLength + data.length];
        System.arraycopy(prefix, 0, expected, 0, prefixLength);
        System.arraycopy(data, 0, expected, prefixLength, data.length);
        try (Spool spool = new Spool(threshold, Optional.empty())) {
            int pos = 0;
            for (int i = 0; pos < data.length; i++) {
                int n = Math.min(data.length - pos, splits.isEmpty() ? data.length : splits.get(i % splits.size()));
                spool.write(data, pos, n);
                pos += n;
            }
            assertThat(spool.size()).isEqualTo(data.length);
            MessageSource source = spool.toSource(prefix);
            assertThat(source.size()).isEqualTo(expected.length);
            assertThat(source.readAllBytes()).isEqualTo(expected);
            try (InputStream in = source.open()) {
                assertThat(in.readAllBytes()).isEqualTo(expected);
            }
            try (InputStream in = source.open()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int first = in.read();
                if (first >= 0) out.write(first);
                byte[] buf = new byte[777];
                for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) out.write(buf, 0, n);
                assertThat(out.toByteArray()).isEqualTo(expected);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Property(tries = 200)
    void head_is_the_start_of_the_data_through_the_header_section(@ForAll @IntRange(min = 0, max = 400) int headerLines,
            @ForAll @IntRange(min = 0, max = 30_000) int bodyLength, @ForAll @IntRange(min = 1, max = 300_000) int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < headerLines; i++) sb.append("X-Header-").append(i).append(": value value value\r\n");
        sb.append("\r\n").append("b".repeat(bodyLength));
        byte[] data = sb.toString().getBytes(StandardCharsets.US_ASCII);
        try (Spool spool = new Spool(1 << 20, Optional.empty())) {
            spool.write(data, 0, data.length);
            ByteBuffer head = spool.head(max);
            byte[] got = new byte[head.remaining()];
            head.duplicate().get(got);
            int full = Math.min(max, data.length);
            assertThat(got).isEqualTo(Arrays.copyOf(data, got.length));
            if (got.length < full) { // a shorter view must still hold the whole header section
                assertThat(new String(got, StandardCharsets.US_ASCII)).startsWith(sb.substring(0, sb.indexOf("\r\n\r\n") + 4));
            }
            assertThat(TraceHeaders.scan(head)).isEqualTo(TraceHeaders.scan(ByteBuffer.wrap(data, 0, full)));
        }
    }
}
