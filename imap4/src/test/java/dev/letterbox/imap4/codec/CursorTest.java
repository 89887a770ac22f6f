package dev.letterbox.imap4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.imap4.internal.codec.CommandFrame;
import dev.letterbox.imap4.internal.codec.Cursor;
import dev.letterbox.imap4.internal.codec.Literal;
import dev.letterbox.imap4.internal.codec.SequenceSet;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {
    @Test
    void tag_atom_and_astring_forms_rfc9051_s4_3() {
        Cursor c = Cursor.of("a.1 LOGIN alice \"p a\\\"s\\\\s\"");
        assertThat(c.tag()).isEqualTo("a.1");
        c.sp();
        assertThat(c.atom()).isEqualTo("LOGIN");
        c.sp();
        assertThat(c.astring()).isEqualTo("alice");
        c.sp();
        assertThat(c.astring()).isEqualTo("p a\"s\\s");
        c.end();
        assertThat(c.ok()).isTrue();
    }

    @Test
    void tag_may_not_contain_plus() {
        Cursor c = Cursor.of("+x NOOP");
        c.tag();
        assertThat(c.ok()).isFalse();
    }

    @Test
    void literal_argument_is_taken_from_the_frame() {
        var frame = new CommandFrame(List.of("a LOGIN {5}".getBytes(StandardCharsets.US_ASCII), " pw".getBytes(StandardCharsets.US_ASCII)),
                List.of(Literal.of("al ce".getBytes(StandardCharsets.US_ASCII))));
        Cursor c = new Cursor(frame, false, 8);
        c.tag();
        c.sp();
        c.atom();
        c.sp();
        assertThat(c.astring()).isEqualTo("al ce");
        c.sp();
        assertThat(c.astring()).isEqualTo("pw");
        c.end();
        assertThat(c.ok()).isTrue();
    }

    @Test
    void nstring_nil() {
        Cursor c = Cursor.of("NIL \"x\"");
        assertThat(c.nstring()).isNull();
        c.sp();
        assertThat(c.nstring()).isEqualTo("x");
    }

    @Test
    void sequence_sets_with_star_and_saved_result_rfc5182() {
        Cursor c = Cursor.of("1:3,7,*:10 $");
        SequenceSet s = c.sequenceSet();
        assertThat(s.toString()).isEqualTo("1:3,7,*:10");
        c.sp();
        assertThat(c.sequenceSet().saved()).isTrue();
        assertThat(c.ok()).isTrue();
    }

    @Test
    void sequence_number_zero_is_an_error() {
        Cursor c = Cursor.of("0:4");
        c.sequenceSet();
        assertThat(c.ok()).isFalse();
        assertThat(c.error()).contains("0");
    }

    @Test
    void first_error_sticks() {
        Cursor c = Cursor.of("abc");
        c.number();
        String first = c.error();
        c.sp();
        c.expect(')');
        assertThat(c.error()).isEqualTo(first);
    }

    @Test
    void mailbox_names_are_modified_utf7_rfc3501_s5_1_3() {
        Cursor c = Cursor.of("~peter/mail/&U,BTFw-/&ZeVnLIqe- inbox &Jjo!");
        assertThat(c.mailbox()).isEqualTo("~peter/mail/台北/日本語");
        c.sp();
        assertThat(c.mailbox()).isEqualTo("INBOX");
        c.sp();
        c.mailbox();
        assertThat(c.ok()).isFalse();
    }

    @Test
    void utf8_mailbox_names_after_enable_utf8_accept_rfc6855() {
        Cursor c = new Cursor(CommandFrame.ofLine("\"Entwürfe\""), true, 8);
        assertThat(c.mailbox()).isEqualTo("Entwürfe");
    }

    @Test
    void date_and_date_time() {
        Cursor c = Cursor.of("1-Feb-2020 \"17-Jul-1996 02:44:25 -0700\" \" 5-Jan-2021 00:00:00 +0000\"");
        assertThat(c.date()).isEqualTo(LocalDate.of(2020, 2, 1));
        c.sp();
        assertThat(c.dateTime()).isEqualTo(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)));
        c.sp();
        assertThat(c.dateTime().toLocalDate()).isEqualTo(LocalDate.of(2021, 1, 5));
        assertThat(c.ok()).isTrue();
    }

    @Test
    void flag_lists() {
        Cursor c = Cursor.of("(\\Seen $Label1 \\Flagged) ()");
        assertThat(c.flagList()).containsExactly("\\Seen", "$Label1", "\\Flagged");
        c.sp();
        assertThat(c.flagList()).isEmpty();
    }

    @Test
    void rest_inlines_literals_for_the_fetch_parser() {
        var frame = new CommandFrame(List.of("a FETCH 1 (BODY[HEADER.FIELDS {4}".getBytes(StandardCharsets.US_ASCII),
                ")])".getBytes(StandardCharsets.US_ASCII)), List.of(Literal.of("FROM".getBytes(StandardCharsets.US_ASCII))));
        Cursor c = new Cursor(frame, false, 8);
        c.tag();
        c.sp();
        c.atom();
        c.sp();
        c.sequenceSet();
        c.sp();
        assertThat(c.rest()).isEqualTo("(BODY[HEADER.FIELDS \"FROM\")])");
        assertThat(c.atEnd()).isTrue();
    }

    @Test
    void try_sp_word_does_not_consume_on_mismatch() {
        Cursor c = Cursor.of(" CHARSETX");
        assertThat(c.trySpWord("CHARSET")).isFalse();
        assertThat(c.peek()).isEqualTo(' ');
    }
}
