package dev.letterbox.pop3.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.net.ProtocolSessionFactory;
import dev.letterbox.core.net.ConnectionInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DotStufferTest {

    /** Runs the stuffer over {@code message} fed in chunks of {@code chunk} bytes. */
    static String encode(String message, long bodyLines, int chunk) {
        byte[] src = message.getBytes(StandardCharsets.ISO_8859_1);
        Sink sink = new Sink();
        Output out = new Output(sink.conn);
        DotStuffer s = new DotStuffer(out, bodyLines);
        for (int i = 0; i < src.length && !s.done(); i += chunk) {
            s.feed(src, i, Math.min(chunk, src.length - i));
        }
        s.finish();
        out.flush();
        return sink.conn.takeOutput();
    }

    static String encode(String message) {
        return encode(message, -1, Integer.MAX_VALUE);
    }

    @Test
    void lines_starting_with_a_dot_are_stuffed_rfc1939_s3() {
        assertThat(encode("a\r\n.b\r\n..c\r\n.\r\n")).isEqualTo("a\r\n..b\r\n...c\r\n..\r\n.\r\n");
    }

    @Test
    void a_dot_on_the_first_line_is_stuffed() {
        assertThat(encode(".x\r\n")).isEqualTo("..x\r\n.\r\n");
    }

    @Test
    void dots_inside_lines_are_left_alone() {
        assertThat(encode("a.b\r\nc .\r\n")).isEqualTo("a.b\r\nc .\r\n.\r\n");
    }

    @Test
    void bare_lf_is_served_as_crlf() {
        assertThat(encode("a\nb\n\n.c\n")).isEqualTo("a\r\nb\r\n\r\n..c\r\n.\r\n");
    }

    @Test
    void a_message_without_final_line_break_gets_crlf_before_the_terminator() {
        assertThat(encode("a\r\nb")).isEqualTo("a\r\nb\r\n.\r\n");
        assertThat(encode("a\r")).isEqualTo("a\r\n.\r\n");
    }

    @Test
    void an_empty_message_is_just_the_terminator() {
        assertThat(encode("")).isEqualTo(".\r\n");
    }

    @Test
    void top_returns_header_blank_line_and_n_body_lines_rfc1939_s7() {
        String msg = "Subject: x\r\nFrom: y\r\n\r\nl1\r\n.l2\r\nl3\r\n";
        assertThat(encode(msg, 0, 1000)).isEqualTo("Subject: x\r\nFrom: y\r\n\r\n.\r\n");
        assertThat(encode(msg, 2, 1000)).isEqualTo("Subject: x\r\nFrom: y\r\n\r\nl1\r\n..l2\r\n.\r\n");
        assertThat(encode(msg, 99, 1000)).isEqualTo("Subject: x\r\nFrom: y\r\n\r\nl1\r\n..l2\r\nl3\r\n.\r\n");
    }

    @Test
    void top_on_a_message_without_body_returns_the_whole_header() {
        assertThat(encode("Subject: x\r\nFrom: y", 3, 1000)).isEqualTo("Subject: x\r\nFrom: y\r\n.\r\n");
    }

    @Test
    void top_counts_bare_lf_lines() {
        assertThat(encode("S: x\n\nb1\nb2\n", 1, 1000)).isEqualTo("S: x\r\n\r\nb1\r\n.\r\n");
    }

    @Property(tries = 300)
    void chunking_never_changes_the_encoding(@ForAll("messages") String message,
                                             @ForAll @IntRange(min = 1, max = 7) int chunk,
                                             @ForAll @IntRange(min = -1, max = 4) int lines) {
        assertThat(encode(message, lines, chunk)).isEqualTo(encode(message, lines, Integer.MAX_VALUE));
    }

    @Property(tries = 300)
    void decoding_the_encoding_gives_back_the_crlf_form(@ForAll("messages") String message) {
        String wire = encode(message);
        assertThat(wire).endsWith(".\r\n");
        assertThat(wire.substring(0, wire.length() - 3)).doesNotContain("\r\n.\r\n");
        String body = wire.substring(0, wire.length() - 3);
        // undo stuffing line by line
        StringBuilder decoded = new StringBuilder();
        for (String line : body.split("\r\n", -1)) {
            decoded.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        decoded.setLength(decoded.length() - 2);
        // the size LIST reports is exactly what the client gets back after un-stuffing
        assertThat(CrlfSize.of(message.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(decoded.length());
        String crlf = message.replaceAll("(?<!\r)\n", "\r\n");
        if (!crlf.isEmpty() && !crlf.endsWith("\r\n")) crlf = crlf.endsWith("\r") ? crlf + "\n" : crlf + "\r\n";
        assertThat(decoded.toString()).isEqualTo(crlf);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> messages() {
        return net.jqwik.api.Arbitraries.strings().withChars('a', '.', '\r', '\n', ' ').ofMaxLength(40);
    }

    /** A MemoryConnection over a do-nothing session, used as a byte sink. */
    static final class Sink {
        final MemoryConnection conn = MemoryConnection.open(new ProtocolSessionFactory() {
            @Override
            public String protocol() {
                return "test";
            }

            @Override
            public ProtocolSession newSession(ConnectionInfo info) {
                return new ProtocolSession() {
                    @Override
                    public void start(dev.letterbox.core.net.Connection c) {
                    }

                    @Override
                    public void receive(ByteBuffer in, dev.letterbox.core.net.Connection c) {
                    }

                    @Override
                    public void timedOut(dev.letterbox.core.net.Connection c) {
                    }

                    @Override
                    public void shutdown(dev.letterbox.core.net.Connection c) {
                    }

                    @Override
                    public void closed() {
                    }
                };
            }

            @Override
            public byte[] busyReply() {
                return new byte[0];
            }
        });
    }
}
