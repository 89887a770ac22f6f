package dev.letterbox.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.testkit.Protocol;
import dev.letterbox.testkit.fault.Fault;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framer tells commands from literals, message data and SASL lines, so faults never match inside them. */
class InputFramerTest {
    /** Cuts {@code input} into units as the faulting session would, the server consuming each unit whole. */
    private static List<String> units(InputFramer f, String input, String lastServerLine) {
        ByteBuffer in = ByteBuffer.wrap(input.getBytes(StandardCharsets.ISO_8859_1));
        List<String> out = new ArrayList<>();
        while (in.hasRemaining()) {
            InputFramer.Unit u = f.next(in, lastServerLine);
            if (u == null) {
                out.add("incomplete");
                break;
            }
            String text = new String(in.array(), in.position(), u.length(), StandardCharsets.ISO_8859_1);
            out.add(u.isCommand() ? u.verb() + (u.tag() != null ? "/" + u.tag() : "") : "pass:" + text.strip());
            in.position(in.position() + u.length());
            f.consumed(u, u.length());
        }
        return out;
    }

    @Test
    void imap_tags_verbs_and_uid_commands_rfc9051_s2_2() {
        InputFramer f = new InputFramer(Protocol.IMAP);
        assertThat(units(f, "a1 LOGIN x y\r\na2 UID FETCH 1:* FLAGS\r\nDONE\r\n", "* OK"))
                .containsExactly("LOGIN/a1", "UID FETCH/a2", "pass:DONE");
    }

    @Test
    void imap_non_synchronizing_literal_is_not_a_command_rfc7888() {
        InputFramer f = new InputFramer(Protocol.IMAP);
        assertThat(units(f, "a3 APPEND INBOX {12+}\r\na4 NOOP\r\nxx\r\na5 NOOP\r\n", "* OK"))
                .containsExactly("APPEND/a3", "pass:a4 NOOP\r\nxx", "pass:", "NOOP/a5");
    }

    @Test
    void imap_synchronizing_literal_follows_only_a_continuation_rfc9051_s7_5() {
        InputFramer accepted = new InputFramer(Protocol.IMAP);
        assertThat(units(accepted, "a1 APPEND INBOX {6}\r\n", "* OK")).containsExactly("APPEND/a1");
        assertThat(units(accepted, "b1 X\r\n\r\n", "+ Ready")).containsExactly("pass:b1 X", "pass:");

        InputFramer refused = new InputFramer(Protocol.IMAP);
        units(refused, "a1 APPEND INBOX {6}\r\n", "* OK");
        assertThat(units(refused, "a2 NOOP\r\n", "a1 NO [TOOBIG] too big")).containsExactly("NOOP/a2");
    }

    @Test
    void smtp_message_data_is_not_commands_and_its_end_is_a_pseudo_command_rfc5321_s4_1_4() {
        InputFramer f = new InputFramer(Protocol.SMTP);
        assertThat(units(f, "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n", "250 OK"))
                .containsExactly("MAIL", "RCPT", "DATA");
        assertThat(units(f, "Subject: x\r\nRCPT TO:<not a command>\r\n..stuffed\r\n.\r\nQUIT\r\n", "354 Go ahead"))
                .containsExactly("pass:Subject: x\r\nRCPT TO:<not a command>\r\n..stuffed", Fault.END_OF_DATA, "QUIT");
    }

    @Test
    void smtp_bdat_chunk_is_skipped_rfc3030() {
        InputFramer f = new InputFramer(Protocol.SMTP);
        assertThat(units(f, "BDAT 6 LAST\r\nRSET\r\nNOOP\r\n", "250 OK")).containsExactly("BDAT", "pass:RSET", "NOOP");
    }

    @Test
    void smtp_a_stale_354_does_not_start_data_twice() {
        InputFramer f = new InputFramer(Protocol.SMTP);
        assertThat(units(f, "NOOP\r\n", "354 Go ahead")).containsExactly("NOOP");
    }

    @Test
    void smtp_sasl_response_after_334_is_not_a_command_rfc4954() {
        InputFramer f = new InputFramer(Protocol.SMTP);
        assertThat(units(f, "QUIT\r\n", "334 VXNlcm5hbWU6")).containsExactly("pass:QUIT");
    }

    @Test
    void pop3_ok_is_not_a_continuation_but_plus_space_is_rfc5034() {
        assertThat(units(new InputFramer(Protocol.POP3), "STAT\r\n", "+OK ready")).containsExactly("STAT");
        assertThat(units(new InputFramer(Protocol.POP3), "dXNlcg==\r\n", "+ ")).containsExactly("pass:dXNlcg==");
    }

    @Test
    void an_incomplete_line_waits_for_more() {
        assertThat(units(new InputFramer(Protocol.POP3), "RETR 1", "+OK")).containsExactly("incomplete");
        assertThat(units(new InputFramer(Protocol.SMTP), ".\r", "354 go")).containsExactly("incomplete");
    }
}
