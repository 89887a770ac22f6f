package dev.letterbox.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireInTest {
    private static WireIn wire(String s, int buffer) {
        return new WireIn(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)), buffer);
    }

    @Test
    void lines_are_split_on_crlf_whatever_the_buffer_boundaries() throws IOException {
        for (int buffer = 1; buffer <= 9; buffer++) {
            WireIn in = wire("* OK hello\r\nsecond line\r\n\r\nlast\n", buffer);
            assertThat(in.readLine()).as("buffer %d", buffer).isEqualTo("* OK hello");
            assertThat(in.readLine()).isEqualTo("second line");
            assertThat(in.readLine()).isEmpty();
            assertThat(in.readLine()).isEqualTo("last");
            assertThat(in.bytesRead()).isEqualTo(32);
        }
    }

    @Test
    void end_of_stream_inside_a_line_is_an_error() {
        assertThatThrownBy(() -> wire("no newline", 4).readLine()).isInstanceOf(EOFException.class);
    }

    @Test
    void literal_bytes_are_consumed_exactly() throws IOException {
        for (int buffer = 1; buffer <= 9; buffer++) {
            WireIn in = wire("abc\r\ndef)\r\n", buffer);
            in.skip(5);
            assertThat(in.readLine()).isEqualTo("def)");
        }
    }

    @Test
    void dot_terminated_body_ends_only_at_a_lone_dot_line_rfc1939_s3() throws IOException {
        String body = "line one\r\n..stuffed\r\n.x\r\n.\rnot end\r\nend.\r\n";
        for (int buffer = 1; buffer <= 11; buffer++) {
            WireIn in = wire(body + ".\r\n+OK next\r\n", buffer);
            assertThat(in.skipDotTerminated()).as("buffer %d", buffer).isEqualTo(body.length());
            assertThat(in.readLine()).isEqualTo("+OK next");
        }
    }

    @Test
    void empty_dot_terminated_body() throws IOException {
        WireIn in = wire(".\r\nafter\r\n", 3);
        assertThat(in.skipDotTerminated()).isZero();
        assertThat(in.readLine()).isEqualTo("after");
    }
}
