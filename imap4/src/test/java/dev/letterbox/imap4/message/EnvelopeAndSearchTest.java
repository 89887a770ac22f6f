package dev.letterbox.imap4.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.MessageContent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EnvelopeAndSearchTest {
    static String envelope(String header) {
        byte[] d = (header + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return new String(MessageStructure.scan(d).envelope(d), StandardCharsets.ISO_8859_1);
    }

    static MessageContent msg(String s) {
        return MessageContent.ofBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void group_syntax_and_route_addresses_rfc3501_s7_4_2() {
        assertThat(envelope("To: Friends: a@x.org, \"B b\" <b@y.org>;, <@r1,@r2:c@z.org>\r\n"))
                .isEqualTo("(NIL NIL NIL NIL NIL ((NIL NIL \"Friends\" NIL)(NIL NIL \"a\" \"x.org\")(\"B b\" NIL \"b\" \"y.org\")"
                        + "(NIL NIL NIL NIL)(NIL \"@r1,@r2\" \"c\" \"z.org\")) NIL NIL NIL NIL)");
    }

    @Test
    void empty_subject_is_empty_string_missing_is_nil_and_sender_defaults_to_from() {
        assertThat(envelope("Subject:\r\nFrom: a@b.c\r\n"))
                .isEqualTo("(NIL \"\" ((NIL NIL \"a\" \"b.c\")) ((NIL NIL \"a\" \"b.c\")) ((NIL NIL \"a\" \"b.c\")) NIL NIL NIL NIL NIL)");
    }

    @Test
    void strings_are_raw_with_folds_removed_and_8bit_sent_as_literal() {
        assertThat(envelope("Subject: =?utf-8?q?caf=C3=A9?=\r\n  and\tmore \r\nMessage-ID: <x@y>\r\n"))
                .startsWith("(NIL {30}\r\n=?utf-8?q?caf=C3=A9?= and more NIL");
        assertThat(envelope("Subject: \u00e9t\u00e9\r\n")).startsWith("(NIL {3}\r\n\u00e9t\u00e9 NIL");
        assertThat(envelope("From: jo@x.org (Jo Smith)\r\n")).contains("((\"Jo Smith\" NIL \"jo\" \"x.org\"))");
    }

    @Test
    void search_decodes_adjacent_encoded_words_and_folds_case_rfc2047_s6_2() {
        MessageContent m = msg("Subject: =?utf-8?b?0JrQsNC6INGC?= =?utf-8?b?0Ysg0L/QvtC20LjQstCw0LXRiNGM?=\r\n\r\nbody\r\n");
        assertThat(SearchText.contains(m, SearchText.Field.SUBJECT, "как ты поживаешь")).isTrue();
        assertThat(SearchText.contains(m, SearchText.Field.SUBJECT, "=?utf-8")).isFalse();
        assertThat(SearchText.contains(m, SearchText.Field.SUBJECT, "")).isTrue();
        assertThat(SearchText.contains(m, SearchText.Field.FROM, "")).isFalse();
    }

    @Test
    void search_body_decodes_transfer_encoding_and_charset_but_not_headers() {
        MessageContent m = msg("Subject: hello\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nStra=DFe und Fr=F6sche=\r\n!\r\n");
        assertThat(SearchText.contains(m, SearchText.Field.BODY, "FRÖSCHE!")).isTrue();
        assertThat(SearchText.contains(m, SearchText.Field.BODY, "strasse")).isTrue(); // ß folds to ss
        assertThat(SearchText.contains(m, SearchText.Field.BODY, "hello")).isFalse();
        assertThat(SearchText.contains(m, SearchText.Field.TEXT, "hello")).isTrue();
        assertThat(SearchText.headerContains(m, "content-type", "ISO-8859")).isTrue();
    }

    @Test
    void raw_8bit_header_bytes_that_are_not_utf8_do_not_match_non_ascii_terms() {
        MessageContent m = msg("Subject: Fr\u00f6sche\r\n\r\nx\r\n");
        assertThat(SearchText.contains(m, SearchText.Field.SUBJECT, "Frösche")).isFalse();
        assertThat(SearchText.contains(m, SearchText.Field.SUBJECT, "Fr")).isTrue();
    }

    @Test
    void sent_date_uses_the_date_as_written_and_rejects_garbage_rfc5322_s3_3() {
        assertThat(SearchText.sentDate(msg("Date: Fri, 20 Apr 2001 23:18:00 -0400\r\n\r\n")))
                .contains(LocalDate.of(2001, 4, 20));
        assertThat(SearchText.sentDate(msg("Date: 3 Jan 99 10:00 GMT\r\n\r\n"))).contains(LocalDate.of(1999, 1, 3));
        assertThat(SearchText.sentDate(msg("Date: <HR>\r\n\r\n"))).isEmpty();
        assertThat(SearchText.sentDate(msg("Subject: none\r\n\r\n"))).isEmpty();
        assertThat(SearchText.sentDate(msg("Date: (comment) 1 Feb 2003 04:05 +0100 (CET)\r\n\r\n")))
                .contains(LocalDate.of(2003, 2, 1));
        assertThat(SearchText.sentDate(msg("Date: 1 Jan 103 00:00\r\n\r\n"))).contains(LocalDate.of(2003, 1, 1));
        assertThat(SearchText.sentDate(msg("Date: Tue 17 Jul 2012 22:23:35 +0000\r\n\r\n"))).isEmpty();
        assertThat(SearchText.sentDate(msg("Date: Tue, 17 Jul 2012 22:23:35.882 0000\r\n\r\n"))).isEmpty();
        assertThat(SearchText.sentDate(msg("Date: 30 Feb 2012 10:00\r\n\r\n"))).isEmpty();
        assertThat(SearchText.sentDate(msg("Date: 15 Dec 2010    59:10 -0500\r\n\r\n"))).isEmpty();
    }
}
