package dev.letterbox.imap4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.imap4.internal.codec.Framer;
import dev.letterbox.imap4.internal.codec.Literal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramerTest {
    final List<String> continuations = new ArrayList<>();
    long limit = 1000;

    final Framer.Policy policy = new Framer.Policy() {
        @Override
        public Optional<Framer.Refusal> decide(byte[] firstLine, long buffered, long size, boolean nonSync, boolean binary) {
            return size > limit ? Optional.of(new Framer.Refusal("TOOBIG", "too big", false)) : Optional.empty();
        }

        @Override
        public void continuation() {
            continuations.add("+");
        }
    };

    Framer framer(int maxLine) {
        return new Framer(maxLine, 64, null, policy);
    }

    static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String line(Framer.Unit u) {
        return new String(((Framer.Unit.Command) u).frame().lines().get(0), StandardCharsets.ISO_8859_1);
    }

    @Test
    void pipelined_commands_in_one_read_come_out_one_by_one_rfc9051_s5_5() {
        Framer f = framer(1000);
        ByteBuffer in = buf("a1 NOOP\r\na2 CAPABILITY\r\na3 LOG");
        assertThat(line(f.next(in))).isEqualTo("a1 NOOP");
        assertThat(line(f.next(in))).isEqualTo("a2 CAPABILITY");
        assertThat(f.next(in)).isNull();
        assertThat(f.midCommand()).isTrue();
        assertThat(line(f.next(buf("OUT\r\n")))).isEqualTo("a3 LOGOUT");
        assertThat(f.midCommand()).isFalse();
    }

    @Test
    void a_command_split_byte_by_byte_with_a_literal_is_assembled() {
        Framer f = framer(1000);
        String cmd = "a1 LOGIN {5}\r\nalice {3}\r\npw!\r\n";
        Framer.Unit u = null;
        for (int i = 0; i < cmd.length(); i++) {
            Framer.Unit r = f.next(buf(cmd.substring(i, i + 1)));
            if (r != null) u = r;
        }
        var frame = ((Framer.Unit.Command) u).frame();
        assertThat(frame.lines()).hasSize(3);
        assertThat(frame.literals()).extracting(Literal::text).containsExactly("alice", "pw!");
        assertThat(continuations).hasSize(2);
    }

    @Test
    void non_synchronizing_literal_gets_no_continuation_rfc7888() {
        Framer f = framer(1000);
        var u = f.next(buf("a1 LOGIN {5+}\r\nalice x\r\n"));
        assertThat(((Framer.Unit.Command) u).frame().literals().get(0).text()).isEqualTo("alice");
        assertThat(continuations).isEmpty();
    }

    @Test
    void too_large_synchronizing_literal_is_refused_before_the_continuation() {
        Framer f = framer(1000);
        var u = f.next(buf("a1 APPEND INBOX {5000}\r\n"));
        assertThat(u).isInstanceOf(Framer.Unit.LiteralRefused.class);
        assertThat(continuations).isEmpty();
        assertThat(line(f.next(buf("a2 NOOP\r\n")))).isEqualTo("a2 NOOP");
    }

    @Test
    void refused_non_synchronizing_literal_is_read_and_discarded_with_its_command() {
        Framer f = framer(1000);
        limit = 3;
        ByteBuffer in = buf("a1 APPEND INBOX {5+}\r\nhello more {2+}\r\nxy\r\na2 NOOP\r\n");
        assertThat(f.next(in)).isInstanceOf(Framer.Unit.LiteralRefused.class);
        assertThat(line(f.next(in))).isEqualTo("a2 NOOP");
    }

    @Test
    void over_long_line_is_consumed_and_reported_then_the_connection_goes_on() {
        Framer f = framer(1000);
        ByteBuffer in = buf("a1 " + "x".repeat(3000) + "\r\na2 NOOP\r\n");
        var u = f.next(in);
        assertThat(u).isInstanceOf(Framer.Unit.LineTooLong.class);
        assertThat(new String(((Framer.Unit.LineTooLong) u).prefix(), StandardCharsets.ISO_8859_1)).startsWith("a1 ");
        assertThat(line(f.next(in))).isEqualTo("a2 NOOP");
    }

    @Test
    void the_line_bound_covers_the_whole_command_text_so_empty_literals_cannot_pile_up() {
        Framer f = framer(1000);
        StringBuilder sb = new StringBuilder("a1 X");
        for (int i = 0; i < 400; i++) sb.append(" {0}\r\n");
        var u = f.next(buf(sb + "\r\n"));
        assertThat(u).isInstanceOf(Framer.Unit.LineTooLong.class);
        assertThat(new String(((Framer.Unit.LineTooLong) u).prefix(), StandardCharsets.ISO_8859_1)).startsWith("a1 X");
    }

    @Test
    void literal8_is_recognised_rfc3516() {
        Framer f = framer(1000);
        var u = f.next(buf("a1 APPEND INBOX ~{3}\r\na\0b\r\n"));
        var lit = ((Framer.Unit.Command) u).frame().literals().get(0);
        assertThat(lit.binary()).isTrue();
        assertThat(lit.size()).isEqualTo(3);
    }

    @Test
    void big_literals_spool_to_a_file_that_close_deletes(@TempDir Path dir) throws Exception {
        Framer f = new Framer(1000, 64, dir, policy);
        String body = "y".repeat(500);
        var u = f.next(buf("a1 APPEND INBOX {500}\r\n" + body + "\r\n"));
        var frame = ((Framer.Unit.Command) u).frame();
        Literal lit = frame.literals().get(0);
        assertThat(lit.spooled()).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
        assertThat(new String(lit.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(body);
        frame.close();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void many_small_literals_spool_once_the_command_holds_the_threshold_in_memory(@TempDir Path dir) throws Exception {
        Framer f = new Framer(1000, 64, dir, policy);
        String fifty = "y".repeat(50);
        var u = f.next(buf("a1 APPEND INBOX {50}\r\n" + fifty + " {50}\r\n" + fifty + "\r\n"));
        var frame = ((Framer.Unit.Command) u).frame();
        assertThat(frame.literals()).extracting(Literal::spooled).containsExactly(false, true);
        frame.close();
    }

    @Test
    void incomplete_spooled_literal_is_deleted_when_the_connection_ends(@TempDir Path dir) throws Exception {
        Framer f = new Framer(1000, 64, dir, policy);
        assertThat(f.next(buf("a1 APPEND INBOX {900}\r\n" + "z".repeat(300)))).isNull();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
        f.close();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void raw_lines_for_continuations_ignore_literal_syntax() {
        Framer f = framer(1000);
        var u = f.nextRawLine(buf("dGVzdA=={4}\r\n"));
        assertThat(line(u)).isEqualTo("dGVzdA=={4}");
    }
}
