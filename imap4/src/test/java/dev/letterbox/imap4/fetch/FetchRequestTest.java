package dev.letterbox.imap4.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.imap4.fetch.FetchAtt.BodySection;
import dev.letterbox.imap4.fetch.FetchAtt.Partial;
import dev.letterbox.imap4.fetch.FetchAtt.Section;
import dev.letterbox.imap4.fetch.FetchAtt.Text;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FetchRequestTest {

    @Test
    void macros_expand_rfc3501_s6_4_5() throws Exception {
        assertThat(FetchRequest.parse("ALL", false).atts()).containsExactly(new FetchAtt.Flags(),
                new FetchAtt.InternalDate(), new FetchAtt.Rfc822Size(), new FetchAtt.Envelope());
        assertThat(FetchRequest.parse("fast", false).atts()).containsExactly(new FetchAtt.Flags(),
                new FetchAtt.InternalDate(), new FetchAtt.Rfc822Size());
        assertThat(FetchRequest.parse("FULL", false).atts()).containsExactly(new FetchAtt.Flags(),
                new FetchAtt.InternalDate(), new FetchAtt.Rfc822Size(), new FetchAtt.Envelope(), new FetchAtt.Body());
    }

    @Test
    void list_keeps_request_order_and_case_insensitive_names() throws Exception {
        FetchRequest r = FetchRequest.parse("(uid Flags BODYSTRUCTURE rfc822.size ENVELOPE)", false);
        assertThat(r.atts()).containsExactly(new FetchAtt.Uid(), new FetchAtt.Flags(), new FetchAtt.BodyStructure(),
                new FetchAtt.Rfc822Size(), new FetchAtt.Envelope());
        assertThat(r.needsContent()).isTrue();
        assertThat(r.setsSeen()).isFalse();
    }

    @Test
    void uid_fetch_adds_uid_rfc9051_s6_4_9() throws Exception {
        assertThat(FetchRequest.parse("FLAGS", true).atts()).containsExactly(new FetchAtt.Uid(), new FetchAtt.Flags());
        assertThat(FetchRequest.parse("(FLAGS UID)", true).atts()).containsExactly(new FetchAtt.Flags(), new FetchAtt.Uid());
    }

    @Test
    void flags_only_needs_no_content() throws Exception {
        FetchRequest r = FetchRequest.parse("(FLAGS UID RFC822.SIZE INTERNALDATE)", false);
        assertThat(r.needsContent()).isFalse();
        assertThat(r.setsSeen()).isFalse();
    }

    @Test
    void body_sections_with_parts_text_and_partial() throws Exception {
        FetchRequest r = FetchRequest.parse(
                "(BODY[] BODY.PEEK[1.2.3] BODY[HEADER]<0.100> BODY.PEEK[2.MIME] BODY[4.TEXT] BODY[4.1.HEADER])", false);
        assertThat(r.atts()).containsExactly(
                new BodySection(new Section(List.of(), Text.ALL, List.of()), Optional.empty(), false),
                new BodySection(new Section(List.of(1, 2, 3), Text.ALL, List.of()), Optional.empty(), true),
                new BodySection(new Section(List.of(), Text.HEADER, List.of()), Optional.of(new Partial(0, 100)), false),
                new BodySection(new Section(List.of(2), Text.MIME, List.of()), Optional.empty(), true),
                new BodySection(new Section(List.of(4), Text.TEXT, List.of()), Optional.empty(), false),
                new BodySection(new Section(List.of(4, 1), Text.HEADER, List.of()), Optional.empty(), false));
        assertThat(r.setsSeen()).isTrue();
    }

    @Test
    void header_fields_accept_atoms_quoted_strings_and_literals() throws Exception {
        FetchRequest r = FetchRequest.parse("BODY.PEEK[HEADER.FIELDS.NOT (From \"To\" {7}\r\nSubject)]", false);
        BodySection s = (BodySection) r.atts().get(0);
        assertThat(s.section().text()).isEqualTo(Text.HEADER_FIELDS_NOT);
        assertThat(s.section().fields()).containsExactly("From", "To", "Subject");
        assertThat(s.peek()).isTrue();
    }

    @Test
    void binary_items_rfc3516() throws Exception {
        FetchRequest r = FetchRequest.parse("(BINARY[1.2]<0.20> BINARY.PEEK[] BINARY.SIZE[3])", false);
        assertThat(r.atts()).containsExactly(new FetchAtt.Binary(List.of(1, 2), Optional.of(new Partial(0, 20)), false),
                new FetchAtt.Binary(List.of(), Optional.empty(), true), new FetchAtt.BinarySize(List.of(3)));
        assertThat(r.setsSeen()).isTrue();
    }

    @Test
    void rfc822_items_set_seen_except_header() throws Exception {
        assertThat(FetchRequest.parse("RFC822", false).setsSeen()).isTrue();
        assertThat(FetchRequest.parse("RFC822.TEXT", false).setsSeen()).isTrue();
        assertThat(FetchRequest.parse("RFC822.HEADER", false).setsSeen()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "()", "(FLAGS", "FLAGS)", "BODY[", "BODY[1.]", "BODY[0]", "BODY[MIME]", "BODY[HEADER.FIELDS]",
        "BODY[HEADER.FIELDS ()]", "BODY[]<1>", "BODY[]<1.0>", "BODY.PEEK", "BINARY[TEXT]", "NOSUCHITEM", "(FLAGS ALL)",
        "FLAGS UID", "BODY[1.2.]", "BODY[TEXT]<a.b>"})
    void syntax_errors_are_reported_for_a_tagged_bad(String text) {
        assertThatThrownBy(() -> FetchRequest.parse(text, false)).isInstanceOf(FetchParseException.class);
    }
}
