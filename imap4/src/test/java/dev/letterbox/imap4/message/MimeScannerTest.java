package dev.letterbox.imap4.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeScannerTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String body(byte[] d, MessageStructure s, int... path) {
        MimePart p = s.find(path);
        return p == null ? null : new String(d, p.bodyStart(), p.bodySize(), StandardCharsets.ISO_8859_1);
    }

    static String mime(byte[] d, MessageStructure s, int... path) {
        MimePart p = s.find(path);
        return new String(d, p.headerStart(), p.headerEnd() - p.headerStart(), StandardCharsets.ISO_8859_1);
    }

    static String bs(byte[] d) {
        return new String(MessageStructure.scan(d).bodyStructure(d), StandardCharsets.ISO_8859_1);
    }

    @Test
    void crlf_before_boundary_belongs_to_the_boundary_rfc2046_s5_1_1() {
        byte[] d = b("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\npreamble\r\n--b\r\n\r\none\r\n\r\n--b\r\n"
                + "Content-Type: text/html\r\n\r\ntwo\r\n--b--\r\nepilogue\r\n");
        MessageStructure s = MessageStructure.scan(d);
        assertThat(body(d, s, 1)).isEqualTo("one\r\n");
        assertThat(body(d, s, 2)).isEqualTo("two");
        assertThat(mime(d, s, 2)).isEqualTo("Content-Type: text/html\r\n\r\n");
        assertThat(s.root().children()).hasSize(2);
        assertThat(s.root().bodyEnd()).isEqualTo(d.length);
    }

    @Test
    void missing_final_boundary_ends_parts_at_end_of_message() {
        byte[] d = b("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n");
        MessageStructure s = MessageStructure.scan(d);
        assertThat(body(d, s, 2)).isEqualTo("two\r\n");
    }

    @Test
    void outer_boundary_closes_inner_multipart_without_its_end_boundary() {
        byte[] d = b("Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n"
                + "Content-Type: multipart/alternative; boundary=inner\r\n\r\n--inner\r\n\r\na\r\n--inner\r\n\r\nb\r\n"
                + "--outer\r\n\r\nc\r\n--outer--\r\n");
        MessageStructure s = MessageStructure.scan(d);
        assertThat(body(d, s, 1, 1)).isEqualTo("a");
        assertThat(body(d, s, 1, 2)).isEqualTo("b");
        assertThat(body(d, s, 2)).isEqualTo("c");
    }

    @Test
    void boundary_prefix_match_and_longest_boundary_wins_rfc2046() {
        byte[] d = b("Content-Type: multipart/mixed; boundary=ab\r\n\r\n--ab\r\n"
                + "Content-Type: multipart/mixed; boundary=abc\r\n\r\n--abc\r\n\r\nx\r\n--abc--\r\n--ab  trailing\r\n\r\ny\r\n--ab--");
        MessageStructure s = MessageStructure.scan(d);
        assertThat(body(d, s, 1, 1)).isEqualTo("x");
        assertThat(body(d, s, 2)).isEqualTo("y");
    }

    @Test
    void message_rfc822_is_encapsulated_and_numbered_through() {
        byte[] d = b("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Subject: inner\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n--c\r\n\r\nplain\r\n--c\r\n"
                + "Content-Type: text/html\r\n\r\n<b>x</b>\r\n--c--\r\n--b--\r\n");
        MessageStructure s = MessageStructure.scan(d);
        assertThat(body(d, s, 1, 1)).isEqualTo("plain");
        assertThat(body(d, s, 1, 2)).isEqualTo("<b>x</b>");
        assertThat(mime(d, s, 1)).isEqualTo("Content-Type: message/rfc822\r\n\r\n");
        assertThat(s.root().children().get(0).isMessage()).isTrue();
        assertThat(bs(d)).contains("\"message\" \"rfc822\" NIL NIL NIL \"7bit\"").contains("(NIL \"inner\" NIL NIL NIL NIL NIL NIL NIL NIL)");
    }

    @Test
    void digest_parts_default_to_message_rfc822_rfc2046_s5_1_5() {
        byte[] d = b("Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: one\r\n\r\nbody\r\n--d--\r\n");
        MessageStructure s = MessageStructure.scan(d);
        MimePart p = s.root().children().get(0);
        assertThat(p.isMessage()).isTrue();
        assertThat(p.info().type()).isEqualTo("message");
        assertThat(body(d, s, 1, 1)).isEqualTo("body");
    }

    @Test
    void header_without_separator_and_without_final_newline() {
        byte[] d = b("Subject: no body\r\nX-Other: y");
        MessageStructure s = MessageStructure.scan(d);
        assertThat(s.root().headerEnd()).isEqualTo(d.length);
        assertThat(s.root().bodySize()).isZero();
        assertThat(bs(d)).isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
    }

    @Test
    void boundary_right_after_header_takes_the_empty_line() {
        byte[] d = b("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n--b--\r\n");
        MessageStructure s = MessageStructure.scan(d);
        assertThat(mime(d, s, 1)).isEqualTo("Content-Type: text/plain\r\n");
        assertThat(body(d, s, 1)).isEmpty();
    }

    @Test
    void multipart_without_boundary_has_one_empty_part_in_bodystructure() {
        byte[] d = b("Content-Type: multipart/mixed\r\n\r\ntext\r\n");
        assertThat(bs(d)).isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL) \"mixed\" NIL NIL NIL NIL)");
        assertThat(MessageStructure.scan(d).find(new int[] {1})).isNull();
    }

    @Test
    void bare_lf_lines_are_understood() {
        byte[] d = b("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b--\n");
        MessageStructure s = MessageStructure.scan(d);
        assertThat(body(d, s, 1)).isEqualTo("one");
    }

    @Test
    void deep_nesting_is_bounded() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) sb.append("Content-Type: message/rfc822\r\n\r\n");
        sb.append("x");
        byte[] d = b(sb.toString());
        MessageStructure s = MessageStructure.scan(d);
        int depth = 0;
        for (MimePart p = s.root(); !p.children().isEmpty(); p = p.children().get(0)) depth++;
        assertThat(depth).isLessThanOrEqualTo(MimeScanner.MAX_DEPTH + 1);
        assertThat(new String(s.body(d), StandardCharsets.ISO_8859_1)).isNotEmpty();
    }

    @Test
    void parameters_keep_order_case_and_rfc2231_form() {
        byte[] d = b("Content-Type: text/plain; Format=flowed; name*0*=utf-8''a%20; name*1*=b; charset=\"UTF-8\"\r\n\r\nx");
        assertThat(bs(d)).startsWith("(\"text\" \"plain\" (\"Format\" \"flowed\" \"charset\" \"UTF-8\" \"name*\" \"utf-8''a%20b\")");
        MimePart root = MessageStructure.scan(d).root();
        assertThat(root.info().param("name")).isEqualTo("a b");
    }

    @Test
    void find_follows_rfc3501_part_numbers() {
        byte[] d = b("Subject: x\r\n\r\nplain body");
        MessageStructure s = MessageStructure.scan(d);
        assertThat(body(d, s, 1)).isEqualTo("plain body");
        assertThat(s.find(new int[] {2})).isNull();

    }
}
