package dev.letterbox.pop3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineFramerTest {
    private final LineFramer framer = new LineFramer();

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String str(byte[] b) {
        return b == LineFramer.TOO_LONG ? "<TOO_LONG>" : new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void splits_crlf_and_bare_lf_lines_and_keeps_an_incomplete_tail() {
        ByteBuffer in = buf("STAT\r\nLIST\nRE");
        assertThat(str(framer.next(in, 100))).isEqualTo("STAT");
        assertThat(str(framer.next(in, 100))).isEqualTo("LIST");
        assertThat(framer.next(in, 100)).isNull();
        assertThat(in.remaining()).isEqualTo(2);
    }

    @Test
    void an_over_long_line_is_consumed_without_waiting_for_its_end_and_reported_once() {
        ByteBuffer in = buf("x".repeat(50));
        assertThat(framer.next(in, 20)).isSameAs(LineFramer.TOO_LONG);
        assertThat(in.remaining()).isZero();
        ByteBuffer more = buf("y".repeat(30) + "\r\nNOOP\r\n");
        assertThat(str(framer.next(more, 20))).isEqualTo("NOOP");
    }

    @Test
    void a_complete_line_over_the_limit_is_rejected_and_the_next_one_read() {
        ByteBuffer in = buf("x".repeat(30) + "\r\nQUIT\r\n");
        assertThat(framer.next(in, 20)).isSameAs(LineFramer.TOO_LONG);
        assertThat(str(framer.next(in, 20))).isEqualTo("QUIT");
    }

    @Test
    void a_line_of_exactly_the_limit_including_crlf_is_accepted() {
        ByteBuffer in = buf("x".repeat(18) + "\r\n");
        assertThat(str(framer.next(in, 20))).isEqualTo("x".repeat(18));
    }
}
