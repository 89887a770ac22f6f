package dev.letterbox.imap4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.imap4.internal.codec.ImapWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImapWriterTest {
    @Test
    void strings_are_quoted_when_valid_and_literals_otherwise_rfc9051_s4_3() {
        assertThat(new ImapWriter().string("a \"b\" \\c").toText()).isEqualTo("\"a \\\"b\\\" \\\\c\"");
        assertThat(new ImapWriter().string("two\r\nlines").toText()).isEqualTo("{10}\r\ntwo\r\nlines");
        assertThat(new ImapWriter().string("für").toText()).isEqualTo("{4}\r\nfür".replace("ü", "\u00c3\u00bc"));
        assertThat(new ImapWriter().utf8(true).string("für").toText()).isEqualTo("\"f\u00c3\u00bcr\"");
    }

    @Test
    void astrings_are_atoms_when_possible_but_never_nil() {
        assertThat(new ImapWriter().astring("INBOX").toText()).isEqualTo("INBOX");
        assertThat(new ImapWriter().astring("NIL").toText()).isEqualTo("\"NIL\"");
        assertThat(new ImapWriter().astring("").toText()).isEqualTo("\"\"");
        assertThat(new ImapWriter().astring("a b").toText()).isEqualTo("\"a b\"");
        assertThat(new ImapWriter().nstring(null).toText()).isEqualTo("NIL");
    }

    @Test
    void mailbox_names_are_encoded_in_modified_utf7_unless_utf8() {
        assertThat(new ImapWriter().mailbox("Entwürfe").toText()).isEqualTo("Entw&APw-rfe");
        assertThat(new ImapWriter().utf8(true).mailbox("Entwürfe").toText()).isEqualTo("\"Entw\u00c3\u00bcrfe\"");
    }

    @Test
    void status_responses() {
        var w = new ImapWriter();
        w.tagged("a1", "NO", "TRYCREATE", "Mailbox does not exist");
        w.untaggedStatus("OK", null, "hi");
        w.untagged().raw("FLAGS ").atomList(List.of("\\Seen", "\\Draft")).crlf();
        assertThat(w.toText()).isEqualTo("a1 NO [TRYCREATE] Mailbox does not exist\r\n* OK hi\r\n* FLAGS (\\Seen \\Draft)\r\n");
    }
}
